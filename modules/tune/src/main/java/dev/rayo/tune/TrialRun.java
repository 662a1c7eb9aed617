package dev.rayo.tune;

import java.io.Serializable;
import java.util.Map;

/**
 * Everything one run of a trial needs inside its actor: what to train with and where to resume from. A trial
 * has a new run after each restart, pause or exploit; {@code runId} tells a late report of an old run from a
 * current one.
 */
record TrialRun(String trialId, long runId, Map<String, Object> config, Object checkpoint, Trainable trainable)
        implements Serializable {
}
