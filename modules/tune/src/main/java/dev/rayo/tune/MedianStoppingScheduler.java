package dev.rayo.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ray's median stopping rule (from Google Vizier): once past the grace period, a trial is stopped when its best
 * result so far is strictly worse than the median, over the other trials that have reached the same time, of
 * their running averages from the grace period up to that time. It needs {@code minSamplesRequired} such other
 * trials before it judges; until then the trial continues (Ray would also yield the slot to waiting trials
 * when there are some; Rayo does not, which is Ray's behaviour with no trial waiting).
 */
public final class MedianStoppingScheduler implements TrialScheduler {
    private String timeAttr = "time_total_s";
    private double gracePeriod = 60;
    private int minSamplesRequired = 3;
    private String metric;
    private Mode mode;
    /** Every result of every trial (finished ones included: they keep counting for the median), by trial. */
    private final Map<String, List<Sample>> results = new LinkedHashMap<>();
    private int numStopped;

    /** One result reduced to what the rule reads. */
    private record Sample(double time, double value) {
    }

    /**
     * Defaults as Ray's: {@code timeAttr("time_total_s")}, {@code gracePeriod(60)} (seconds, in that unit),
     * {@code minSamplesRequired(3)}.
     */
    public MedianStoppingScheduler() {
    }

    /** The result attribute that measures progress; it must grow with each report. */
    public MedianStoppingScheduler timeAttr(String timeAttr) {
        this.timeAttr = SchedulerChecks.attribute("timeAttr", timeAttr);
        return this;
    }

    /** No trial is stopped before it reaches this much {@code timeAttr}; averages start here too. */
    public MedianStoppingScheduler gracePeriod(double gracePeriod) {
        this.gracePeriod = SchedulerChecks.nonNegative("gracePeriod", gracePeriod);
        return this;
    }

    /** How many other trials must have reached a trial's time before the median may stop it. */
    public MedianStoppingScheduler minSamplesRequired(int minSamplesRequired) {
        if (minSamplesRequired < 1) {
            throw new IllegalArgumentException("minSamplesRequired must be >= 1, got " + minSamplesRequired);
        }
        this.minSamplesRequired = minSamplesRequired;
        return this;
    }

    /** How many trials this rule stopped. */
    public int numStopped() {
        return numStopped;
    }

    @Override
    public void setup(String metric, Mode mode) {
        SchedulerChecks.metricSet("medianStopping", metric, mode);
        this.metric = metric;
        this.mode = mode;
    }

    @Override
    public SchedulerDecision onTrialResult(TrialInfo trial, Map<String, Object> result) {
        if (!SchedulerChecks.hasNumber(result, timeAttr) || !SchedulerChecks.hasNumber(result, metric)) {
            // As Ray: a result without the attributes cannot be judged, and does not count.
            return SchedulerDecision.CONTINUE;
        }
        String id = trial.trialId();
        double time = ((Number) result.get(timeAttr)).doubleValue();
        results.computeIfAbsent(id, k -> new ArrayList<>())
                .add(new Sample(time, mode.signed(((Number) result.get(metric)).doubleValue())));
        if (time < gracePeriod) {
            return SchedulerDecision.CONTINUE;
        }
        List<Double> averages = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> other : results.entrySet()) {
            List<Sample> samples = other.getValue();
            if (other.getKey().equals(id) || samples.get(samples.size() - 1).time() < time) {
                continue;
            }
            double average = runningAverage(samples, time);
            if (!Double.isNaN(average)) {
                averages.add(average);
            }
        }
        if (averages.size() < minSamplesRequired) {
            return SchedulerDecision.CONTINUE;
        }
        double best = results.get(id).stream().mapToDouble(Sample::value).max().orElseThrow();
        if (best < median(averages)) {
            numStopped++;
            return SchedulerDecision.STOP;
        }
        return SchedulerDecision.CONTINUE;
    }

    /**
     * The mean of a trial's (signed) results between the grace period and {@code time}; NaN when it has none
     * there (it reported before and after that window only), so it does not count for the median.
     */
    private double runningAverage(List<Sample> samples, double time) {
        return samples.stream()
                .filter(s -> s.time() >= gracePeriod && s.time() <= time)
                .mapToDouble(Sample::value)
                .average()
                .orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** A finished trial's last result counts if the tuner did not pass it through {@link #onTrialResult}. */
    @Override
    public void onTrialComplete(TrialInfo trial, Map<String, Object> lastResult) {
        if (!SchedulerChecks.hasNumber(lastResult, timeAttr) || !SchedulerChecks.hasNumber(lastResult, metric)) {
            return;
        }
        Sample last = new Sample(((Number) lastResult.get(timeAttr)).doubleValue(),
                mode.signed(((Number) lastResult.get(metric)).doubleValue()));
        List<Sample> samples = results.computeIfAbsent(trial.trialId(), k -> new ArrayList<>());
        if (samples.isEmpty() || !samples.get(samples.size() - 1).equals(last)) {
            samples.add(last);
        }
    }
}
