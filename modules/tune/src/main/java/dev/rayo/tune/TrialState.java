package dev.rayo.tune;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial as the control loop sees it: config, results, latest checkpoint and where it is in its life. Only the
 * control thread touches it, so it has plain fields; it is also what schedulers read, as {@link TrialInfo}.
 */
final class TrialState implements TrialInfo {
    /** Where a trial is in its life. */
    enum Phase {
        /** Not started yet. */
        PENDING,
        /** A run is in flight. */
        RUNNING,
        /** Its run ended on a scheduler's PAUSE; it waits for chooseTrialToRun. */
        PAUSED,
        /** It must start again at once: after a failure within maxFailures, or a PBT exploit. */
        RESTART,
        /** Done for good; {@link #status} says how. */
        ENDED
    }

    /** What to do when the current run ends, decided while it ran. */
    enum AfterRun { NOTHING, PAUSE, RESTART }

    final String id;
    final int index;
    Map<String, Object> config;
    final List<Map<String, Object>> history = new ArrayList<>();
    Object checkpoint;
    boolean hasCheckpoint;
    int checkpointIteration;
    double checkpointTime;
    Phase phase = Phase.PENDING;
    AfterRun afterRun = AfterRun.NOTHING;
    TrialStatus status;
    Throwable error;
    String endReason;
    int failures;
    int iteration;
    double timeBase;
    long runId;
    ActorHandle<TrialActor> actor;
    ObjectRef<TrialActor.Outcome> runRef;
    ObjectRef<List<TrialActor.Pending>> pollRef;
    boolean dirty;

    TrialState(String id, int index, Map<String, Object> config) {
        this.id = id;
        this.index = index;
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    @Override
    public String trialId() {
        return id;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public Map<String, Object> config() {
        return config;
    }

    @Override
    public List<Map<String, Object>> history() {
        return Collections.unmodifiableList(history);
    }

    @Override
    public boolean hasCheckpoint() {
        return hasCheckpoint;
    }

    /** The last result, or null before the first report. */
    Map<String, Object> lastResult() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** Whether it is done for good. */
    boolean ended() {
        return phase == Phase.ENDED;
    }

    /** Marks it done; the run may still be unwinding, and its end only frees the slot. */
    void end(TrialStatus how, String reason, Throwable cause) {
        phase = Phase.ENDED;
        status = how;
        endReason = reason;
        error = cause;
        afterRun = AfterRun.NOTHING;
        dirty = true;
    }

    /**
     * Rewinds the state to a checkpoint taken at {@code iteration} and {@code time} (its own after a failure or
     * pause, a donor's after an exploit): results after it are dropped, so {@code training_iteration} continues
     * from the checkpoint's, as in Ray; with no checkpoint it starts over.
     */
    void rewindTo(boolean has, Object cp, int cpIteration, double cpTime) {
        hasCheckpoint = has;
        checkpoint = has ? cp : null;
        checkpointIteration = has ? cpIteration : 0;
        checkpointTime = has ? cpTime : 0;
        iteration = checkpointIteration;
        timeBase = checkpointTime;
        history.removeIf(r -> r.get("training_iteration") instanceof Number n && n.intValue() > iteration);
        dirty = true;
    }

    /** Rewinds to this trial's own last checkpoint (or to the start, without one): a restart or a resume. */
    void rewindToOwnCheckpoint() {
        rewindTo(hasCheckpoint, checkpoint, checkpointIteration, checkpointTime);
    }

    /** The result as it enters the history: the trainable's metrics plus Tune's own keys. */
    Map<String, Object> record(TrialReport report) {
        iteration++;
        Map<String, Object> result = new LinkedHashMap<>(report.metrics());
        result.put("training_iteration", iteration);
        result.put("time_total_s", timeBase + report.runSeconds());
        result.put("trial_id", id);
        Map<String, Object> frozen = Collections.unmodifiableMap(result);
        history.add(frozen);
        if (report.hasCheckpoint()) {
            hasCheckpoint = true;
            checkpoint = report.checkpoint();
            checkpointIteration = iteration;
            checkpointTime = timeBase + report.runSeconds();
        }
        dirty = true;
        return frozen;
    }

    /** The immutable result handed to the user. */
    Result toResult() {
        return new Result(id, config, List.copyOf(history), checkpoint, status, error, endReason);
    }
}
