package dev.rayo.api.exception;

/** Thrown when an argument, result or actor state can't be serialized; for arguments, {@code remote()} throws it before anything is submitted. */
public class RayoSerializationException extends RayoException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public RayoSerializationException(String message) {
        super(message);
    }

    /** An error with a message and the exception that caused it. */
    public RayoSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
