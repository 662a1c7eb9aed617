package dev.rayo.bench;

/**
 * One side of a metric (Rayo or its plain-JDK baseline), ready to run. The runner calls {@link #prepare()}
 * untimed, then times {@link #run()}, again and again until a round's time is up; so a workload puts setup
 * that is not part of the operation (making a remote object before pulling it, freeing the store) in
 * {@code prepare}, and the operation itself in {@code run}.
 */
public interface Workload extends AutoCloseable {

    /** Untimed work before each {@link #run()}. */
    default void prepare() throws Exception {
    }

    /**
     * Does one batch of operations and returns how many it did (bytes for {@link Unit#GB_PER_S} metrics).
     * Latency metrics do exactly one operation per call, so each call is one histogram sample.
     */
    long run() throws Exception;

    /** Frees what the workload holds: pools, actors, buffers. */
    @Override
    default void close() throws Exception {
    }
}
