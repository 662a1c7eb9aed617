package dev.rayo.samples.akkaservice;

/**
 * A Rayo actor of the service: it multiplies by its factor and counts the calls it served, so a client can
 * check afterwards that every request reached it exactly once (Rayo runs an actor's calls one at a time).
 */
public class Multiplier {
    private final int factor;
    private long calls;

    /** An actor multiplying by {@code factor}. */
    public Multiplier(int factor) {
        this.factor = factor;
    }

    /** {@code x * factor}, counting the call. */
    public long times(int x) {
        calls++;
        return (long) x * factor;
    }

    /** How many {@link #times} calls it served. */
    public long calls() {
        return calls;
    }
}
