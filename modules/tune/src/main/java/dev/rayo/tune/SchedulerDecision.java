package dev.rayo.tune;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TrialScheduler} tells the tuner after a result, as Ray's {@code TrialScheduler.CONTINUE / PAUSE /
 * STOP} plus PBT's exploit.
 */
public sealed interface SchedulerDecision {
    /** Keep running. */
    SchedulerDecision CONTINUE = new Continue();
    /** End the trial now; its status becomes {@link TrialStatus#STOPPED}. */
    SchedulerDecision STOP = new Stop();
    /**
     * End the trial's current run and free its resources, keeping its last checkpoint; it resumes from that
     * checkpoint when {@link TrialScheduler#chooseTrialToRun} picks it (synchronous HyperBand).
     */
    SchedulerDecision PAUSE = new Pause();

    /** Keep running. */
    record Continue() implements SchedulerDecision {
    }

    /** End the trial early. */
    record Stop() implements SchedulerDecision {
    }

    /** End the current run and wait to be resumed. */
    record Pause() implements SchedulerDecision {
    }

    /**
     * PBT's exploit: restart the trial from {@code donorTrialId}'s latest checkpoint with {@code newConfig} (the
     * donor's config, explored). The trial's state continues from the donor's: its history and
     * {@code training_iteration} continue from the iteration of that checkpoint, as in Ray.
     *
     * @param donorTrialId a trial that {@link TrialInfo#hasCheckpoint() has a checkpoint}
     * @param newConfig    the configuration the trial runs with from now on
     */
    record Exploit(String donorTrialId, Map<String, Object> newConfig) implements SchedulerDecision {
        /** Checks that both parts are present. */
        public Exploit {
            Objects.requireNonNull(donorTrialId, "donorTrialId");
            newConfig = Map.copyOf(Objects.requireNonNull(newConfig, "newConfig"));
        }
    }
}
