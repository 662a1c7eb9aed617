package dev.rayo.api.exception;

/**
 * Thrown by {@code get} on a result of a task cancelled with {@code Rayo.cancel} (or the dashboard's
 * {@code POST /api/tasks/{id}/cancel}) before it finished: Ray's {@code TaskCancelledError}. A cancelled task is
 * never retried, and a task that consumes its result fails with this error too.
 */
public class RayoTaskCancelledException extends RayoException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public RayoTaskCancelledException(String message) {
        super(message);
    }
}
