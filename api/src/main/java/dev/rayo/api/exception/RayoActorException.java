package dev.rayo.api.exception;

/** Thrown when the actor died, was killed, or ran out of restarts. */
public class RayoActorException extends RayoException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public RayoActorException(String message) {
        super(message);
    }

    /** An error with a message and the exception that caused it. */
    public RayoActorException(String message, Throwable cause) {
        super(message, cause);
    }
}
