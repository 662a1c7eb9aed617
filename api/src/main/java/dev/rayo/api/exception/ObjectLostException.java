package dev.rayo.api.exception;

/** Thrown when an object can't be recovered: its owner died, or lineage can't rebuild it. */
public class ObjectLostException extends RayoException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public ObjectLostException(String message) {
        super(message);
    }

    /** An error with a message and the exception that caused it. */
    public ObjectLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
