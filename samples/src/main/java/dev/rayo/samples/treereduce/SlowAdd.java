package dev.rayo.samples.treereduce;

/**
 * The seed's deliberately slow addition: it sleeps, standing in for an expensive combine step,
 * so the shape of the reduction (a chain or a tree) decides the total time.
 */
public final class SlowAdd {

    private SlowAdd() {
    }

    /** Returns {@code a + b} after sleeping {@code millis} milliseconds. */
    public static int add(int a, int b, long millis) throws InterruptedException {
        Thread.sleep(millis);
        return a + b;
    }
}
