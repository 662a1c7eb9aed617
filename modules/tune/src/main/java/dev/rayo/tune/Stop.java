package dev.rayo.tune;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * When a trial ends regardless of the scheduler: Ray Tune's {@code stop} criteria. The tuner checks them on each
 * result before asking the scheduler (as Ray does); the result that meets one is recorded and the trial ends
 * {@link TrialStatus#TERMINATED}. {@link #reason} names the criterion met, so each result can tell why its trial
 * ended ({@code Result.endReason()}). A criterion on a metric the trial never reports is an error naming the
 * metric and the keys it did report, as in Ray, rather than a criterion that can never fire.
 */
@FunctionalInterface
public interface Stop extends Serializable {
    /**
     * The criterion met by {@code result}, described ("mean_accuracy >= 100.0"); empty when the trial goes on.
     *
     * @throws IllegalArgumentException when the result lacks a metric this criterion reads
     */
    Optional<String> reason(Map<String, Object> result);

    /** The user metrics this criterion reads (not Tune's own {@code training_iteration}, {@code time_total_s}). */
    default Set<String> metrics() {
        return Set.of();
    }

    /** Never stops: the trainable or the scheduler ends each trial. */
    static Stop never() {
        return result -> Optional.empty();
    }

    /** Stops once {@code metric} reaches {@code value} or more. */
    static Stop metricAtLeast(String metric, double value) {
        return new Threshold(metric, value, true);
    }

    /** Stops once {@code metric} falls to {@code value} or less. */
    static Stop metricAtMost(String metric, double value) {
        return new Threshold(metric, value, false);
    }

    /** Stops after {@code n} iterations ({@code training_iteration >= n}). */
    static Stop iterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Stop.iterations needs n >= 1, was " + n);
        }
        return new Threshold("training_iteration", n, true);
    }

    /** Stops once the trial has trained for {@code time} ({@code time_total_s}). */
    static Stop timeTotal(Duration time) {
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("Stop.timeTotal needs a positive duration, was " + time);
        }
        return new Threshold("time_total_s", time.toNanos() / 1e9, true);
    }

    /** Stops when any criterion is met; the reason is the first one met, in argument order. */
    static Stop any(Stop... criteria) {
        return new AnyOf(List.of(criteria));
    }

    /** Stops when every criterion is met; the reason names them all. */
    static Stop all(Stop... criteria) {
        return new AllOf(List.of(criteria));
    }

    /** Met when any part is. */
    record AnyOf(List<Stop> parts) implements Stop {
        @Override
        public Optional<String> reason(Map<String, Object> result) {
            for (Stop s : parts) {
                Optional<String> r = s.reason(result);
                if (r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        }

        @Override
        public Set<String> metrics() {
            Set<String> all = new LinkedHashSet<>();
            parts.forEach(p -> all.addAll(p.metrics()));
            return all;
        }
    }

    /** Met when every part is. */
    record AllOf(List<Stop> parts) implements Stop {
        @Override
        public Optional<String> reason(Map<String, Object> result) {
            List<String> reasons = new ArrayList<>();
            for (Stop s : parts) {
                Optional<String> r = s.reason(result);
                if (r.isEmpty()) {
                    return Optional.empty();
                }
                reasons.add(r.get());
            }
            return Optional.of(String.join(" and ", reasons));
        }

        @Override
        public Set<String> metrics() {
            return new AnyOf(parts).metrics();
        }
    }

    /** A bound on one numeric metric. */
    record Threshold(String metric, double value, boolean atLeast) implements Stop {
        @Override
        public Optional<String> reason(Map<String, Object> result) {
            Object v = result.get(metric);
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("stop criterion on '" + metric + "': the trial "
                        + (v == null ? "did not report it" : "reported a non-number " + v)
                        + "; it reported " + result.keySet());
            }
            boolean met = atLeast ? n.doubleValue() >= value : n.doubleValue() <= value;
            return met ? Optional.of(metric + (atLeast ? " >= " : " <= ") + format(value)) : Optional.empty();
        }

        @Override
        public Set<String> metrics() {
            return metric.equals("training_iteration") || metric.equals("time_total_s") ? Set.of() : Set.of(metric);
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
