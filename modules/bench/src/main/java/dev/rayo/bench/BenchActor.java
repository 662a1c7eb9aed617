package dev.rayo.bench;

/**
 * The actor of the actor-call metrics: one small method, so the figure is the cost of a call, and a
 * {@code synchronized} twin the baseline calls through an executor.
 */
public class BenchActor {
    private int calls;

    /** The constructor {@code Rayo.actor(BenchActor::new)} calls. */
    public BenchActor() {
    }

    /** The call being measured: a small state change and a small result. */
    public int small() {
        return ++calls;
    }

    /** The baseline's call: the same work under the object's monitor. */
    public synchronized int smallSynchronized() {
        return ++calls;
    }
}
