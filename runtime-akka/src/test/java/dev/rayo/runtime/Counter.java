package dev.rayo.runtime;

import java.util.ArrayList;
import java.util.List;

/** The Counter actor of the API examples. */
public class Counter {
    private int value;
    private final List<Integer> seen = new ArrayList<>();

    public Counter() {
    }

    public Counter(int start) {
        value = start;
    }

    public int increment() {
        return ++value;
    }

    public int add(int n) {
        value += n;
        return value;
    }

    public int get() {
        return value;
    }

    public int record(int n) {
        seen.add(n);
        return seen.size();
    }

    public List<Integer> seen() {
        return seen;
    }

    public boolean meet() throws InterruptedException {
        return Fns.meet(0);
    }

    public int boom() {
        throw new IllegalArgumentException("boom in actor");
    }
}
