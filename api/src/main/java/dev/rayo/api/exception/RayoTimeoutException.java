package dev.rayo.api.exception;

/** Thrown when a {@code get} or {@code wait} with a timeout elapsed. */
public class RayoTimeoutException extends RayoException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public RayoTimeoutException(String message) {
        super(message);
    }

    /** An error with a message and the exception that caused it. */
    public RayoTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
