package dev.rayo.tune;

import java.io.Serializable;
import java.util.Map;

/**
 * Ray's {@code FIFOScheduler}: it never interferes, so trials start in creation order and run until their
 * trainable returns or a stop criterion ends them. It needs no metric.
 */
public final class FifoScheduler implements TrialScheduler, Serializable {
    private static final long serialVersionUID = 1L;

    FifoScheduler() {
    }

    /** Nothing to set up: FIFO reads no metric. */
    @Override
    public void setup(String metric, Mode mode) {
    }

    /** Always {@link SchedulerDecision#CONTINUE}. */
    @Override
    public SchedulerDecision onTrialResult(TrialInfo trial, Map<String, Object> result) {
        return SchedulerDecision.CONTINUE;
    }

    @Override
    public String toString() {
        return "FIFO";
    }
}
