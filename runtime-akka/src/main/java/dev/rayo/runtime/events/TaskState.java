package dev.rayo.runtime.events;

/**
 * The states of a task attempt, as OPERATIONS.md names them (Ray's task states, merged where Rayo has no
 * separate step): each is recorded where it happens, by the owner, a scheduler or the worker.
 */
public enum TaskState {
    /** Submitted, waiting for an argument that another task still computes (recorded by the owner). */
    PENDING_ARGS,
    /** Every argument is known; waiting for resources on some node (owner, or the scheduler once args arrive). */
    PENDING_NODE_ASSIGNMENT,
    /** Running on a worker thread or an actor's thread; also recorded again when a blocked get returns. */
    RUNNING,
    /** Its code waits in {@code get} or {@code wait}; its CPUs are lent to other tasks meanwhile. */
    BLOCKED_IN_GET,
    /** Returned, and its outputs are stored. */
    FINISHED,
    /** Threw, or could not run; the error says why. */
    FAILED;

    /** Whether nothing follows this state in the same attempt. */
    public boolean isFinal() {
        return this == FINISHED || this == FAILED;
    }
}
