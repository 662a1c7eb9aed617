package dev.rayo.runtime.state;

import dev.rayo.runtime.events.ExportedEvents;
import dev.rayo.runtime.events.TaskEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The history of tasks read back from the journal database ({@link ExportedEvents}), for when the cluster that
 * recorded it is gone: the exported events are folded with {@link TaskHistory#fold} exactly as the live
 * {@link ClusterState} folds what its members keep, so rows, details and the timeline look the same. The
 * journal keeps every exported event, so nothing is reported dropped and no node is unanswered.
 * <p>
 * Reading the database blocks, so it runs on the {@code executor} given, never on the caller's thread.
 */
public final class ExportedHistory implements TaskHistorySource {
    private final ExportedEvents events;
    private final Executor executor;

    /** The history in {@code events}, read on {@code executor}. */
    public ExportedHistory(ExportedEvents events, Executor executor) {
        this.events = events;
        this.executor = executor;
    }

    @Override
    public CompletionStage<Answer<TaskRow>> tasks() {
        return read(() -> new Answer<>(TaskHistory.fold(events.all()).values().stream().map(TaskHistory::row).toList(),
                0, List.of()));
    }

    @Override
    public CompletionStage<Optional<TaskDetail>> task(String taskId) {
        return read(() -> {
            List<TaskEvent> mine = events.all().stream().filter(e -> e.taskId().equals(taskId)).toList();
            return mine.isEmpty() ? Optional.empty() : Optional.of(TaskHistory.fold(mine).get(taskId).detail());
        });
    }

    /**
     * Every event is read, not only those since {@code sinceMicros}: an attempt that ended after it may have
     * started before, and its first events are needed to draw it. The trace's rows are the nodes named in the
     * events (the cluster's members are gone).
     */
    @Override
    public CompletionStage<String> timeline(long sinceMicros) {
        return read(() -> {
            List<TaskEvent> all = events.all();
            TreeSet<String> nodes = new TreeSet<>();
            all.forEach(e -> {
                if (e.nodeId() != null && !e.nodeId().isEmpty()) {
                    nodes.add(e.nodeId());
                }
            });
            List<ChromeTrace.Traced> traced = new ArrayList<>();
            for (Map.Entry<String, TaskHistory> h : TaskHistory.fold(all).entrySet()) {
                for (AttemptRow attempt : h.getValue().attemptRows()) {
                    if (attempt.endMicros() >= sinceMicros) {
                        traced.add(new ChromeTrace.Traced(h.getKey(), h.getValue().name(), attempt));
                    }
                }
            }
            return ChromeTrace.write(traced, List.copyOf(nodes));
        });
    }

    private <T> CompletionStage<T> read(java.util.function.Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, executor);
    }
}
