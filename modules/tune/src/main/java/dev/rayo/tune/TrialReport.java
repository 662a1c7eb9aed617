package dev.rayo.tune;

import java.io.Serializable;
import java.util.Map;

/**
 * One {@code Reporter.report} on its way to the control loop: the trainable's metrics as given (Tune adds its
 * own keys on the control side, which owns the iteration count), the checkpoint if any, and the run's clock.
 */
record TrialReport(String trialId, long runId, Map<String, Object> metrics, boolean hasCheckpoint, Object checkpoint,
                   double runSeconds) implements Serializable {
}
