package dev.rayo.bench;

/**
 * Thrown by a workload factory when the machine cannot run it (e.g. not enough free memory for a 1 GiB
 * object); the runner reports the reason as a note instead of a failure.
 */
public final class SkippedException extends RuntimeException {
    /** Why the workload was skipped. */
    public SkippedException(String reason) {
        super(reason);
    }
}
