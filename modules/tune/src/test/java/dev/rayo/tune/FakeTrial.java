package dev.rayo.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test-side {@link TrialInfo}: the scheduler unit tests drive pure decision logic without a tuner. */
final class FakeTrial implements TrialInfo {
    final String id;
    final int index;
    Map<String, Object> config;
    final List<Map<String, Object>> history = new ArrayList<>();
    boolean checkpoint;
    /** The training step the trainable's state is at (what a checkpoint would carry). */
    int iteration;
    String status = "PENDING";

    FakeTrial(int index, Map<String, Object> config) {
        this.id = "t" + index;
        this.index = index;
        this.config = new HashMap<>(config);
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
        return history;
    }

    @Override
    public boolean hasCheckpoint() {
        return checkpoint;
    }

    /** Records a result as the tuner would, and returns it. */
    Map<String, Object> report(String timeAttr, double time, String metric, double value) {
        Map<String, Object> result = new HashMap<>();
        result.put(timeAttr, time);
        result.put("training_iteration", (int) time);
        result.put(metric, value);
        result.put("trial_id", id);
        history.add(result);
        return result;
    }
}
