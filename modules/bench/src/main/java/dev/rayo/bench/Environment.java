package dev.rayo.bench;

import dev.rayo.api.Rayo;

/**
 * A started Rayo deployment that metrics run against; closing it shuts Rayo down and removes whatever it
 * created (processes, store directories), so the next environment starts clean.
 */
public interface Environment extends AutoCloseable {

    /** What workloads need to know about this environment. */
    BenchContext context();

    /** Stops it; never throws, so a failing close cannot hide the results. */
    @Override
    void close();

    /** Shuts Rayo down in this JVM, reporting instead of throwing a failure, as {@link #close()} must. */
    static void shutdownRayo() {
        try {
            Rayo.shutdown();
        } catch (RuntimeException | Error e) {
            System.err.println("rayo bench: shutting Rayo down failed: " + e);
        }
    }

    /** Starts the environment of {@code kind}. */
    static Environment start(EnvironmentKind kind, RunSettings settings) throws Exception {
        return switch (kind) {
            case SINGLE_NODE -> SingleNodeEnvironment.start(settings);
            case TWO_NODES -> TwoNodeEnvironment.start(settings);
        };
    }
}
