package dev.rayo.tune;

/**
 * Thrown by {@code Reporter.report} when the trial must end (a stop criterion was met, a scheduler decided, or
 * the tuner stopped). Trainables let it propagate; the tuner does not count it as an error.
 */
public class TrialStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Says why the trial ends. */
    public TrialStoppedException(String message) {
        super(message, null, false, false);
    }
}
