package dev.rayo.samples.akkaservice;

/** The task functions the service fans a request out to: one task per term. */
public final class Squares {
    private Squares() {
    }

    /** {@code i * i}, as one Rayo task. */
    public static long square(int i) {
        return (long) i * i;
    }

    /** 1² + … + n², the closed form the answers are checked against. */
    public static long sumOfSquares(int n) {
        return (long) n * (n + 1) * (2L * n + 1) / 6;
    }
}
