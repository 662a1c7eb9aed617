package dev.rayo.tune;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one trial ended: its config, last and every metrics, checkpoint, status and error. Immutable, so a
 * {@link ResultGrid} can be handed around after {@code fit()} returned.
 */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String trialId;
    private final Map<String, Object> config;
    private final List<Map<String, Object>> history;
    private final Object checkpoint;
    private final TrialStatus status;
    private final Throwable error;
    private final String endReason;

    Result(String trialId, Map<String, Object> config, List<Map<String, Object>> history, Object checkpoint,
           TrialStatus status, Throwable error, String endReason) {
        this.trialId = trialId;
        this.config = config;
        this.history = history;
        this.checkpoint = checkpoint;
        this.status = status;
        this.error = error;
        this.endReason = endReason;
    }

    /** The trial's id ({@code trial_id} in its metrics). */
    public String trialId() {
        return trialId;
    }

    /** Its final config (after PBT explored it, the last one). */
    public Map<String, Object> config() {
        return config;
    }

    /** Its last result; empty when it never reported. */
    public Map<String, Object> metrics() {
        return history.isEmpty() ? Map.of() : history.get(history.size() - 1);
    }

    /** Every result, oldest first. */
    public List<Map<String, Object>> metricsHistory() {
        return history;
    }

    /** Its last checkpoint, if it reported one. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> checkpoint() {
        return Optional.ofNullable((T) checkpoint);
    }

    /** {@code TERMINATED}, {@code STOPPED} or {@code ERROR}. */
    public TrialStatus status() {
        return status;
    }

    /** Why it failed ({@code ERROR} only): the exception the trainable threw, or why its actor died. */
    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    /**
     * What ended it, in words: the stop criterion met ("training_iteration >= 300"), "scheduler", "returned",
     * or the error's class.
     */
    public String endReason() {
        return endReason;
    }

    /** Its last {@code training_iteration}: how many iterations its state went through. */
    public int iterations() {
        Object it = metrics().get("training_iteration");
        return it instanceof Number n ? n.intValue() : 0;
    }

    /** Its last value of {@code metric}, when that is a number. */
    public Optional<Double> metric(String metric) {
        Object v = metrics().get(metric);
        return v instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Result[" + trialId + " " + status + " (" + endReason + ") after " + iterations() + " iterations, "
                + config + "]";
    }
}
