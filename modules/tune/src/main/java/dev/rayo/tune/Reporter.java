package dev.rayo.tune;

import java.util.Map;
import java.util.Optional;

/**
 * How a running trainable talks to the tuner: one {@link #report} per iteration, answered by the tuner's
 * decision, and the checkpoint to start from. Reports are synchronous, as in Ray's function API, so a trial
 * never runs ahead of a decision to stop it.
 */
public interface Reporter {
    /**
     * Records one iteration. Tune adds {@code training_iteration} (1-based), {@code time_total_s} and
     * {@code trial_id}.
     *
     * @throws TrialStoppedException when the trial must end now (this report is still recorded)
     */
    void report(Map<String, ?> metrics);

    /**
     * Records one iteration with a checkpoint (a serializable value) from which the trial can be resumed: after
     * a failure, a restore, a pause, or by another trial under PBT.
     *
     * @throws TrialStoppedException when the trial must end now (this report and checkpoint are still recorded)
     */
    void report(Map<String, ?> metrics, Object checkpoint);

    /**
     * The checkpoint to resume from: empty on a fresh start; after a restart, restore or pause the trial's last
     * one; after a PBT exploit the donor's. A trainable that honours it continues where it left off.
     */
    <T> Optional<T> checkpoint();

    /** This trial's id, the {@code trial_id} of its results, for trainables that log or name files. */
    String trialId();
}
