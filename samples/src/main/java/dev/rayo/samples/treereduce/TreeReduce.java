package dev.rayo.samples.treereduce;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.samples.common.Timed;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Linear versus tree aggregation on Rayo, as in the seed: the same n−1 slow adds, either
 * chained (each waits for the previous one, depth n−1) or paired up level by level
 * (independent adds run in parallel, depth ⌈log2 n⌉). Futures make the difference: the
 * driver submits every add at once and Rayo runs each when its inputs exist.
 * Needs a running Rayo runtime.
 */
public final class TreeReduce {
    private final long addMillis;

    /** Reductions whose adds each sleep {@code addMillis}. */
    public TreeReduce(long addMillis) {
        if (addMillis < 0) {
            throw new IllegalArgumentException("add time must not be negative: " + addMillis);
        }
        this.addMillis = addMillis;
    }

    /** Sums left to right: ((v0 + v1) + v2) + … */
    public Reduction linear(List<Integer> values) {
        requireValues(values);
        Timed<Integer> timed = Timed.of(() -> {
            ObjectRef<Integer> acc = Rayo.put(values.get(0));
            for (int i = 1; i < values.size(); i++) {
                acc = Rayo.task(SlowAdd::add, acc, values.get(i), addMillis).remote();
            }
            return Rayo.get(acc);
        });
        return new Reduction(timed.value(), values.size() - 1, values.size() - 1, timed.seconds());
    }

    /**
     * Sums as a tree, the seed's way: take the first two partial sums off a queue, submit
     * their add, put its future at the back, until one is left.
     */
    public Reduction tree(List<Integer> values) {
        requireValues(values);
        int[] depth = new int[1];
        Timed<Integer> timed = Timed.of(() -> {
            Deque<Partial> queue = new ArrayDeque<>();
            for (Integer v : values) {
                queue.add(new Partial(Rayo.put(v), 0));
            }
            while (queue.size() > 1) {
                Partial a = queue.poll();
                Partial b = queue.poll();
                queue.add(new Partial(Rayo.task(SlowAdd::add, a.ref(), b.ref(), addMillis).remote(),
                        Math.max(a.depth(), b.depth()) + 1));
            }
            Partial root = queue.poll();
            depth[0] = root.depth();
            return Rayo.get(root.ref());
        });
        return new Reduction(timed.value(), values.size() - 1, depth[0], timed.seconds());
    }

    private static void requireValues(List<Integer> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to reduce");
        }
    }

    /** A partial sum not computed yet, and how many adds deep it is. */
    private record Partial(ObjectRef<Integer> ref, int depth) {
    }
}
