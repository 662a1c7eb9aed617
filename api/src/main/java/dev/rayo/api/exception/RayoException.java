package dev.rayo.api.exception;

/** Base class of every Rayo error; unchecked, so remote calls read like local ones. */
public class RayoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public RayoException(String message) {
        super(message);
    }

    /** An error with a message and the exception that caused it. */
    public RayoException(String message, Throwable cause) {
        super(message, cause);
    }
}
