package dev.rayo.runtime.state;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where the history of tasks is read from: the live cluster ({@link ClusterState}, what the nodes still keep in
 * their bounded logs) or the journal database ({@link ExportedHistory}, what nodes exported with
 * {@code rayo.events.export = jdbc}, which outlives the cluster). The state queries answer tasks lists, details,
 * summaries and the timeline the same way from either, so the output of the dashboard and the CLI does not depend
 * on where the events came from.
 * <p>
 * No method blocks the caller: each returns a stage completed when the events are read.
 */
public interface TaskHistorySource {
    /** One row per task, oldest first, with how many events were dropped and who did not answer. */
    CompletionStage<Answer<TaskRow>> tasks();

    /** The task {@code taskId} in full, or empty when no event of it is kept. */
    CompletionStage<Optional<TaskDetail>> task(String taskId);

    /** The Chrome trace of every attempt that ended at or after {@code sinceMicros} (epoch microseconds). */
    CompletionStage<String> timeline(long sinceMicros);
}
