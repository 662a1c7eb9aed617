package dev.rayo.api.exception;

/** Thrown when the object store can't hold an object even after eviction and spilling. */
public class ObjectStoreFullException extends RayoException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public ObjectStoreFullException(String message) {
        super(message);
    }

    /** An error with a message and the exception that caused it. */
    public ObjectStoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
