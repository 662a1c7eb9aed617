package dev.rayo.tune;

import java.util.Map;

/**
 * Argument checks and result reading shared by the HyperBand, median stopping and PBT schedulers, so each
 * one rejects bad options and bad results with the same wording: an {@link IllegalArgumentException} that
 * names the option or the missing metric.
 */
final class SchedulerChecks {
    private SchedulerChecks() {
    }

    /** {@code name} must be a non-blank attribute name. */
    static String attribute(String option, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(option + " must name a result attribute, got " + name);
        }
        return name;
    }

    /** {@code value} must be finite and greater than 0. */
    static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** {@code value} must be finite and at least 0. */
    static double nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** A scheduler that ranks trials cannot run without the tuner's metric and mode. */
    static void metricSet(String scheduler, String metric, Mode mode) {
        if (metric == null || metric.isBlank() || mode == null) {
            throw new IllegalArgumentException(scheduler + " needs the tuner's metric and mode: set "
                    + "Tuner.builder(...).metric(name, Mode.MAX|MIN)");
        }
    }

    /**
     * The numeric value of {@code key} in a trial's result. A scheduler cannot decide without it, so a result
     * that lacks it is a mistake in the trainable, reported as Ray does ("did not include the metric").
     */
    static double number(Map<String, Object> result, String key, String trialId) {
        Object value = result.get(key);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("trial " + trialId + " reported a result without a numeric '" + key
                + "' (the scheduler ranks trials by it): " + result.keySet());
    }

    /** Whether {@code key} is present and numeric in {@code result}. */
    static boolean hasNumber(Map<String, Object> result, String key) {
        return result != null && result.get(key) instanceof Number;
    }
}
