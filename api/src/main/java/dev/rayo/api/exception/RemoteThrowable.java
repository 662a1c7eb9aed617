package dev.rayo.api.exception;

/** Stands in for a remote exception whose class can't be loaded in this process. */
public class RemoteThrowable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String originalClassName;

    /** A stand-in for an exception of class {@code originalClassName} with its message. */
    public RemoteThrowable(String originalClassName, String message) {
        super(originalClassName + (message == null ? "" : ": " + message));
        this.originalClassName = originalClassName;
    }

    /** The class name of the exception this stands for. */
    public String originalClassName() {
        return originalClassName;
    }
}
