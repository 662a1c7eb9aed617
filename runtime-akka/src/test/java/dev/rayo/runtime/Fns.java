package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Functions the tests run as tasks; static state is visible because the one-node cluster shares the JVM. */
public final class Fns {
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MAX_RUNNING = new AtomicInteger();
    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    static volatile CountDownLatch rendezvous = new CountDownLatch(0);

    private Fns() {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static int f(int x) {
        return x + 1;
    }

    public static int square(int x) {
        return x * x;
    }

    public static int slowSquare(int x, int millis) throws InterruptedException {
        Thread.sleep(millis);
        return x * x;
    }

    public static String hello() {
        return "hello";
    }

    public static void log(String message) {
        // A void task: nothing to return.
    }

    public static int sum6(int a, int b, int c, int d, int e, int f) {
        return a + b + c + d + e + f;
    }

    public static Object[] minMax(int[] data) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new Object[] {min, max};
    }

    public static List<Integer> threeItems() {
        return List.of(1, 2, 3);
    }

    public static int fail(String message) {
        throw new IllegalStateException(message);
    }

    public static int sumArray(double[] data) {
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return (int) s;
    }

    public static double[] bigArray(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 7;
        }
        return a;
    }

    /** Counts how many tasks run at once. */
    public static int tracked(int millis) throws InterruptedException {
        int now = RUNNING.incrementAndGet();
        MAX_RUNNING.accumulateAndGet(now, Math::max);
        Thread.sleep(millis);
        RUNNING.decrementAndGet();
        return now;
    }

    /** Returns true only if {@code parties} callers are inside at the same time. */
    public static boolean meet(int ignored) throws InterruptedException {
        CountDownLatch latch = rendezvous;
        latch.countDown();
        return latch.await(20, TimeUnit.SECONDS);
    }

    public static List<Integer> gpuIds(int millis) throws InterruptedException {
        List<Integer> ids = Rayo.getGpuIds();
        Thread.sleep(millis);
        return ids;
    }

    public static int failTwiceThenSucceed(int x) {
        if (ATTEMPTS.incrementAndGet() <= 2) {
            throw new IllegalStateException("attempt " + ATTEMPTS.get());
        }
        return x;
    }

    /** Nested tasks: g() submits four f() and returns their refs. */
    public static List<ObjectRef<Integer>> g() {
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(Rayo.task(Fns::f, i).remote());
        }
        return refs;
    }

    /** h() gets the four f() results of its own nested tasks, blocking while they run. */
    public static int h() {
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(Rayo.task(Fns::f, i).remote());
        }
        int sum = 0;
        for (int v : Rayo.get(refs)) {
            sum += v;
        }
        return sum;
    }

    /** Gets the refs that g() returned. */
    public static int sumOfRefs(List<ObjectRef<Integer>> refs) {
        int sum = 0;
        for (int v : Rayo.get(refs)) {
            sum += v;
        }
        return sum;
    }

    /** An add that also reports its depth in the aggregation tree: {value, depth}. */
    public static int[] addDepth(int[] a, int[] b) throws InterruptedException {
        Thread.sleep(50);
        return new int[] {a[0] + b[0], Math.max(a[1], b[1]) + 1};
    }

    public static int[] leaf(int v) {
        return new int[] {v, 0};
    }
}
