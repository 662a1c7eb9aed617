package dev.rayo.api.exception;

/** A configuration key is unknown, malformed, or has a value of the wrong type or range; the message names the key. */
public class RayoConfigException extends RayoException {
    private static final long serialVersionUID = 1L;

    /** An error with a message naming the key. */
    public RayoConfigException(String message) {
        super(message);
    }

    /** An error with a message naming the key and the parser's error. */
    public RayoConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
