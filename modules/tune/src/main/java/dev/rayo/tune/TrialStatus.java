package dev.rayo.tune;

/** How a trial ended (TUNE.md, "Reporting and checkpoints"). */
public enum TrialStatus {
    /** The trainable returned, or a stop criterion was met. */
    TERMINATED,
    /** A scheduler ended it early. */
    STOPPED,
    /** The trainable threw something other than {@link TrialStoppedException}, past {@code maxFailures}. */
    ERROR
}
