package dev.rayo.tune;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A tuner's options once built and checked: what the control loop runs by, and what storage keeps so that
 * {@link Tuner#restore} runs the rest of an experiment the same way. The scheduler is kept only when it is
 * serializable (the built-in ones are); the path is kept as text.
 */
record Settings(String metric, Mode mode, int numSamples, long seed, int maxConcurrentTrials,
                Map<String, Double> resourcesPerTrial, Stop stop, TrialScheduler scheduler, int maxFailures,
                String experimentDir, boolean verbose, Duration progressInterval) implements Serializable {

    /** The experiment directory, or null without storage. */
    Path experimentPath() {
        return experimentDir == null ? null : Path.of(experimentDir);
    }
}
