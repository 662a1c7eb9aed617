package dev.rayo.tune;

/** Whether a larger or a smaller value of the tuner's metric is better. */
public enum Mode {
    /** Larger is better (accuracy, reward). */
    MAX,
    /** Smaller is better (loss, error). */
    MIN;

    /** Whether {@code a} is strictly better than {@code b} in this mode. */
    public boolean better(double a, double b) {
        return this == MAX ? a > b : a < b;
    }

    /** {@code value} turned so that larger is always better: scheduler arithmetic needs one direction only. */
    public double signed(double value) {
        return this == MAX ? value : -value;
    }
}
