package dev.rayo.tune;

import java.util.List;
import java.util.Map;

/**
 * Decides, result by result, whether each trial goes on: FIFO, ASHA, HyperBand, median stopping and PBT
 * ({@link Schedulers}). The tuner calls every method from its single control thread, in the order events
 * happen, so an implementation keeps plain fields and needs no locking. Implementations are fluent: their
 * setters return the scheduler itself, and they read the tuner's {@code metric} and {@code mode} in
 * {@link #setup}.
 */
public interface TrialScheduler {
    /**
     * Called once before the first trial starts.
     *
     * @param metric the tuner's metric; null when none was set
     * @param mode   the tuner's mode; null when no metric was set
     * @throws IllegalArgumentException when this scheduler needs a metric and {@code metric} is null, or a
     *                                  parameter is out of range; the message names the option
     */
    void setup(String metric, Mode mode);

    /** A trial was created, before it first starts (trials are added in grid order). */
    default void onTrialAdd(TrialInfo trial) {
    }

    /**
     * A running trial reported {@code result} (its metrics plus {@code training_iteration}, {@code time_total_s}
     * and {@code trial_id}); the result is already in {@link TrialInfo#history()}.
     *
     * @return what the trial does next
     */
    SchedulerDecision onTrialResult(TrialInfo trial, Map<String, Object> result);

    /**
     * The trial ended for good: its trainable returned, a stop criterion was met, or this scheduler stopped it.
     *
     * @param lastResult its last result; null when it never reported
     */
    default void onTrialComplete(TrialInfo trial, Map<String, Object> lastResult) {
    }

    /** The trial failed for good ({@link TrialStatus#ERROR}). */
    default void onTrialError(TrialInfo trial) {
    }

    /**
     * Which trial gets the next free slot: one never started ({@code pending}, in creation order) or one
     * paused ({@code paused}); null to start none now. The default, as Ray's FIFO: the first pending trial,
     * else the first paused one.
     */
    default TrialInfo chooseTrialToRun(List<TrialInfo> pending, List<TrialInfo> paused) {
        if (!pending.isEmpty()) {
            return pending.get(0);
        }
        return paused.isEmpty() ? null : paused.get(0);
    }
}
