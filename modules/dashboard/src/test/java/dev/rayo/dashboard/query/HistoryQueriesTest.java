package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.runtime.state.Answer;
import dev.rayo.runtime.state.TaskDetail;
import dev.rayo.runtime.state.TaskHistorySource;
import dev.rayo.runtime.state.TaskRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StateQueries#ofHistory}: the task queries answered from a task history alone (as from the journal), and
 * every other kind refused with 400 before the history is read.
 */
class HistoryQueriesTest {
    /** A history with no task, counting its reads. */
    private static final class Empty implements TaskHistorySource {
        int reads;

        @Override
        public CompletionStage<Answer<TaskRow>> tasks() {
            reads++;
            return CompletableFuture.completedFuture(new Answer<>(List.of(), 0, List.of()));
        }

        @Override
        public CompletionStage<Optional<TaskDetail>> task(String taskId) {
            reads++;
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<String> timeline(long sinceMicros) {
            reads++;
            return CompletableFuture.completedFuture("{\"traceEvents\":[]}");
        }
    }

    private static QueryException failure(Supplier<CompletionStage<?>> query) {
        Throwable e = assertThrows(Exception.class, () -> query.get().toCompletableFuture().join());
        return assertInstanceOfQuery(StateQueries.cause(e));
    }

    private static QueryException assertInstanceOfQuery(Throwable e) {
        assertTrue(e instanceof QueryException, String.valueOf(e));
        return (QueryException) e;
    }

    @Test
    void theTaskQueriesAnswerFromTheHistory() {
        Empty history = new Empty();
        StateQueries queries = StateQueries.ofHistory(history);
        ObjectNode tasks = queries.list("tasks", List.of("state=FINISHED"), 10, 0).toCompletableFuture().join();
        assertEquals(0, tasks.get("total").asInt());
        assertEquals(0, tasks.get("dropped_events").asLong());
        assertEquals(0, tasks.get("unanswered_nodes").size());
        assertEquals("tasks", queries.summary("tasks").toCompletableFuture().join().get("kind").asText());
        assertEquals("{\"traceEvents\":[]}", queries.timeline("10m").toCompletableFuture().join());
        QueryException missing = failure(() -> queries.get("task", "t1"));
        assertEquals(404, missing.status());
        assertEquals("no task with id t1 in the exported task events", missing.getMessage());
        assertEquals(4, history.reads, "list, summary, timeline and get each read it");
    }

    @Test
    void everyOtherKindIsRefusedWith400BeforeTheHistoryIsRead() {
        Empty history = new Empty();
        StateQueries queries = StateQueries.ofHistory(history);
        List<Supplier<CompletionStage<?>>> refused = List.of(
                () -> queries.list("nodes", List.of(), 10, 0),
                () -> queries.list("actors", List.of(), 10, 0),
                () -> queries.list("objects", List.of(), 10, 0),
                () -> queries.get("actor", "a1"),
                () -> queries.get("objects", "o1"),
                () -> queries.summary("actors"),
                () -> queries.summary("objects"),
                () -> queries.memory("node", "size"));
        for (Supplier<CompletionStage<?>> query : refused) {
            QueryException e = failure(query);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith("the journal keeps task events only: "), e.getMessage());
        }
        assertEquals(0, history.reads);
        assertEquals(400, failure(() -> queries.list("colours", List.of(), 10, 0)).status(), "bad input as before");
    }
}
