package dev.rayo.tune;

import java.util.List;
import java.util.Map;

/**
 * What a {@link TrialScheduler} may read of a trial: the tuner owns the trial, the scheduler only decides.
 * Every view is read on the tuner's control thread, so a scheduler needs no locking.
 */
public interface TrialInfo {
    /** The trial's id, as in {@code Result.trialId()} and the {@code trial_id} metric. */
    String trialId();

    /** Its position in creation (grid) order, from 0. */
    int index();

    /** Its current configuration (after PBT explored it, the new one). */
    Map<String, Object> config();

    /** Every result it reported so far, oldest first (after a PBT exploit, continuing from the donor's). */
    List<Map<String, Object>> history();

    /** Whether it has reported a checkpoint: PBT exploits only donors that have one, as Ray does. */
    boolean hasCheckpoint();
}
