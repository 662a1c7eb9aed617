package dev.rayo.bench;

import java.util.concurrent.Future;

/**
 * A peer's cluster started for one {@link EnvironmentKind}, shaped like the Rayo environment of that kind
 * (one member in the bench JVM, or the bench JVM submitting to a member in a second JVM). The peer sides of
 * the metrics only submit no-op tasks, so this is all they need; closing it stops every member it started.
 */
public interface PeerCluster extends AutoCloseable {

    /** The same parallelism the Rayo side had in the environment of this kind. */
    BenchContext context();

    /**
     * Submits one no-op task where this environment runs tasks (on the local member, or on the member in
     * the other JVM) and returns its future without waiting.
     */
    Future<?> submitNoop();

    /**
     * Makes one no-op call on "actor" {@code actor} (0 ≤ actor < CPUs) in this JVM: the peer's closest
     * equivalent of an actor, whose calls run one at a time, in order, each actor on its own thread.
     */
    Future<?> callActor(int actor);

    /**
     * Waits for a no-op call and checks it returned what the no-op returns, so a peer side cannot count
     * calls that never ran.
     */
    static void awaitNoop(Future<?> call) throws Exception {
        Object result = call.get();
        if (!Integer.valueOf(0).equals(result)) {
            throw new IllegalStateException("the peer's no-op returned " + result + " instead of 0");
        }
    }

    /** Stops the members; never throws, so a failing close cannot hide the results. */
    @Override
    void close();
}
