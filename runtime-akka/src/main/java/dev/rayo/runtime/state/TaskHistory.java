package dev.rayo.runtime.state;

import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.events.TaskPhase;
import dev.rayo.runtime.events.TaskState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the task events of every node into one history per task: its state changes in order, and its attempts
 * with their phase marks. A task's events come from up to three nodes (owner, a scheduler, the worker), so
 * within one attempt a final state outranks what the clocks say, and a later attempt outranks an earlier.
 */
public final class TaskHistory {
    private final String taskId;
    private String name = "";
    private String actorId = "";
    private TaskEvent.Submission submission;
    private long submittedMicros;
    private final List<TaskEvent> states = new ArrayList<>();
    private final TreeMap<Integer, Attempt> attempts = new TreeMap<>();

    private TaskHistory(String taskId) {
        this.taskId = taskId;
    }

    /** One history per task id, in order of each task's first event. */
    public static Map<String, TaskHistory> fold(List<TaskEvent> events) {
        List<TaskEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(TaskEvent::epochMicros));
        Map<String, TaskHistory> out = new LinkedHashMap<>();
        for (TaskEvent e : ordered) {
            out.computeIfAbsent(e.taskId(), TaskHistory::new).add(e);
        }
        return out;
    }

    private void add(TaskEvent e) {
        if (!e.name().isEmpty()) {
            name = e.name();
        }
        if (!e.actorId().isEmpty()) {
            actorId = e.actorId();
        }
        if (e.submission() != null) {
            submission = e.submission();
            if (submittedMicros == 0) {
                submittedMicros = e.epochMicros();
            }
        }
        Attempt a = attempts.computeIfAbsent(e.attempt(), Attempt::new);
        if (e.phase() != null) {
            if (e.phase() == TaskPhase.ARGUMENTS_READY) {
                a.argumentsReady = e.epochMicros();
            } else {
                a.executed = e.epochMicros();
            }
            a.ranOn(e);
            return;
        }
        states.add(e);
        switch (e.state()) {
            case RUNNING -> {
                if (a.start == 0) {
                    a.start = e.epochMicros();
                }
                a.ranOn(e);
            }
            case BLOCKED_IN_GET -> a.ranOn(e);
            case FINISHED, FAILED -> {
                a.end = e.epochMicros();
                a.error = e.error();
                if (!e.worker().isEmpty()) {
                    a.ranOn(e);
                } else if (a.node.isEmpty()) {
                    a.node = e.nodeId();
                }
            }
            default -> {
                if (a.node.isEmpty() && e.submission() == null) {
                    a.node = e.nodeId();
                }
            }
        }
        if (a.state == null || !a.state.isFinal() || e.state().isFinal()) {
            a.state = e.state();
        }
    }

    /** The task id. */
    public String taskId() {
        return taskId;
    }

    /** The summary row: the latest attempt's state and node. */
    public TaskRow row() {
        Attempt last = attempts.isEmpty() ? null : attempts.lastEntry().getValue();
        String owner = submission == null ? "" : submission.owner();
        TaskState state = last == null || last.state == null ? TaskState.PENDING_NODE_ASSIGNMENT : last.state;
        String node = last == null || last.node.isEmpty() ? owner : last.node;
        return new TaskRow(taskId, name, state.name(), node, last == null ? 0 : last.number, actorId,
                last == null ? "" : last.error, owner, submittedMicros, last == null ? 0 : last.start,
                last == null ? 0 : last.end);
    }

    /** The task in full. */
    public TaskDetail detail() {
        List<StateChange> history = new ArrayList<>(states.size());
        for (TaskEvent e : states) {
            history.add(new StateChange(e.attempt(), e.state().name(), e.nodeId(), e.epochMicros()));
        }
        return new TaskDetail(row(), submission == null ? Map.of() : submission.resources().toAmounts(),
                submission == null ? List.of() : submission.returnIds(),
                submission == null ? 0 : submission.maxRetries(),
                submission == null ? List.of() : submission.argRefs(), history, attemptRows());
    }

    /** Every attempt seen, in order. */
    public List<AttemptRow> attemptRows() {
        List<AttemptRow> out = new ArrayList<>(attempts.size());
        for (Attempt a : attempts.values()) {
            out.add(new AttemptRow(a.number, a.node, a.worker, actorId, a.state == null ? "" : a.state.name(),
                    a.start, a.argumentsReady, a.executed, a.end, a.error));
        }
        return out;
    }

    /** The task's display name. */
    public String name() {
        return name;
    }

    private static final class Attempt {
        final int number;
        String node = "";
        String worker = "";
        TaskState state;
        long start;
        long argumentsReady;
        long executed;
        long end;
        String error = "";

        Attempt(int number) {
            this.number = number;
        }

        void ranOn(TaskEvent e) {
            node = e.nodeId();
            if (!e.worker().isEmpty()) {
                worker = e.worker();
            }
        }
    }
}
