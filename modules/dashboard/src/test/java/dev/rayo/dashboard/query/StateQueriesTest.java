package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state API against a real one-node runtime: lists, one entity in full, summaries, memory, bad input. */
class StateQueriesTest {
    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2)
            .set("rayo.dashboard.enabled", "off").build());

    private static StateQueries queries;
    private static String putId;
    private static String madeId;
    private static String actorId;

    public static int twice(int x) {
        return 2 * x;
    }

    public static int boom(int x) {
        throw new IllegalStateException("boom " + x);
    }

    public static final class Counter {
        private int n;

        public int add(int k) {
            n += k;
            return n;
        }
    }

    /** Held for the whole class: a dropped handle or ref is released at the next GC (Ray's reference counting). */
    private static final List<Object> HELD = new java.util.ArrayList<>();

    @BeforeAll
    static void runSomeWork() {
        queries = new StateQueries(rayo.runtime(AkkaRayoRuntime.class).clusterState());
        ObjectRef<Integer> input = Rayo.put(21);
        putId = input.id();
        HELD.add(input);
        ObjectRef<Integer> made = Rayo.task(StateQueriesTest::twice, input).remote();
        madeId = made.id();
        HELD.add(made);
        assertEquals(42, Rayo.get(made));
        for (int i = 0; i < 3; i++) {
            Rayo.get(Rayo.task(StateQueriesTest::twice, i).remote());
        }
        ObjectRef<Integer> failed = Rayo.task(StateQueriesTest::boom, 1).setMaxRetries(0).remote();
        assertThrows(RuntimeException.class, () -> Rayo.get(failed));
        ActorHandle<Counter> counter = Rayo.actor(Counter::new).remote();
        actorId = counter.actorId();
        HELD.add(counter);
        assertEquals(3, Rayo.get(counter.task(Counter::add, 3).remote()));
        Eventually.within(Duration.ofSeconds(10)).describedAs("the failed task is recorded")
                .until(() -> join(queries.list("tasks", List.of("state=FAILED"), 10, 0)),
                        a -> a.get("total").asInt() == 1);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private static QueryException failure(CompletionStage<?> stage) {
        Throwable e = assertThrows(Throwable.class, () -> stage.toCompletableFuture().join());
        Throwable cause = StateQueries.cause(e);
        assertTrue(cause instanceof QueryException, String.valueOf(cause));
        return (QueryException) cause;
    }

    @Test
    void listsFilterAndPage() {
        ObjectNode all = join(queries.list("tasks", List.of(), 100, 0));
        assertTrue(all.get("total").asInt() >= 6, all.toString());
        assertFalse(all.get("truncated").asBoolean());
        assertEquals(0, all.get("dropped_events").asLong());
        assertEquals(0, all.get("unanswered_nodes").size());
        ObjectNode twice = join(queries.list("tasks", List.of("name=" + nameOf("twice")), 2, 0));
        assertEquals(4, twice.get("total").asInt(), twice.toString());
        assertTrue(twice.get("truncated").asBoolean());
        assertEquals(2, twice.get("items").size());
        for (JsonNode t : twice.get("items")) {
            assertEquals("FINISHED", t.get("state").asText());
        }
        JsonNode failed = join(queries.list("tasks", List.of("state=failed"), 10, 0)).get("items").get(0);
        assertTrue(failed.get("error").asText().contains("boom 1"), failed.toString());

        ObjectNode nodes = join(queries.list("nodes", List.of(), 10, 0));
        assertEquals(1, nodes.get("total").asInt());
        assertEquals(2.0, nodes.get("items").get(0).get("resources_total").get("CPU").asDouble());
        ObjectNode actors = join(queries.list("actors", List.of("actor_id=" + actorId), 10, 0));
        assertEquals("ALIVE", actors.get("items").get(0).get("state").asText());
        ObjectNode puts = join(queries.list("objects", List.of("is_put=true", "object_id=" + putId), 10, 0));
        assertEquals(1, puts.get("total").asInt(), puts.toString());
    }

    private static String nameOf(String method) {
        return join(queries.list("tasks", List.of(), 100, 0)).get("items").findValuesAsText("name").stream()
                .filter(n -> n.endsWith(method)).findFirst().orElseThrow();
    }

    @Test
    void getAnswersATaskAnObjectAndAnActorInFull() {
        ObjectNode object = join(queries.get("object", madeId));
        assertFalse(object.get("is_put").asBoolean());
        assertTrue(object.get("size_bytes").asLong() > 0);
        String taskId = object.get("task_id").asText();
        ObjectNode task = join(queries.get("task", taskId));
        assertEquals("FINISHED", task.get("state").asText());
        assertEquals(madeId, task.get("return_ids").get(0).asText());
        assertEquals(putId, task.get("arg_refs").get(0).asText());
        assertEquals(1.0, task.get("resources").get("CPU").asDouble(), task.toString());
        assertTrue(task.get("history").size() >= 2);
        JsonNode attempt = task.get("attempts").get(0);
        assertEquals(task.get("node").asText(), attempt.get("node").asText());
        assertFalse(attempt.get("worker").asText().isEmpty());
        assertTrue(join(queries.get("object", putId)).get("is_put").asBoolean());
        assertEquals("ALIVE", join(queries.get("actors", actorId)).get("state").asText());
    }

    @Test
    void summariesCountPerNameAndState() {
        ObjectNode tasks = join(queries.summary("tasks"));
        JsonNode twice = null;
        for (JsonNode item : tasks.get("items")) {
            if (item.get("name").asText().endsWith("twice")) {
                twice = item;
            }
        }
        assertEquals(4, twice.get("state_counts").get("FINISHED").asInt(), tasks.toString());
        ObjectNode objects = join(queries.summary("objects"));
        assertTrue(objects.toString().contains("\"name\":\"put\""), objects.toString());
        ObjectNode actors = join(queries.summary("actors"));
        assertTrue(actors.get("items").get(0).get("name").asText().endsWith("Counter"), actors.toString());
    }

    @Test
    void memoryGroupsObjectsByNodeAndOwner() {
        ObjectNode byNode = join(queries.memory(null, null));
        assertEquals("node", byNode.get("group_by").asText());
        assertEquals(0, byNode.get("spilled_bytes").asLong());
        assertTrue(byNode.get("total_bytes").asLong() > 0 && byNode.get("pinned_bytes").asLong() > 0, byNode.toString());
        assertEquals(1, byNode.get("nodes").size());
        assertTrue(byNode.get("groups").get(0).get("objects").size() >= 2);
        ObjectNode byOwner = join(queries.memory("owner", "size"));
        assertEquals(byNode.get("total_bytes"), byOwner.get("total_bytes"));
        assertEquals(400, failure(queries.memory("colour", null)).status());
        assertEquals(400, failure(queries.memory("node", "age")).status());
    }

    @Test
    void timelineParsesSince() throws Exception {
        String trace = join(queries.timeline("1h"));
        JsonNode parsed = RowJson.MAPPER.readTree(trace);
        assertTrue(parsed.get("traceEvents").size() > 4, trace);
        assertEquals(400, failure(queries.timeline("yesterday")).status());
    }

    @Test
    void badInputIsA400AndUnknownIdsA404() {
        QueryException task = failure(queries.get("task", "no-such-task"));
        assertEquals(404, task.status());
        assertTrue(task.getMessage().startsWith("no task with id no-such-task (the nodes keep the latest "),
                task.getMessage());
        assertEquals(404, failure(queries.get("object", "no-such-object")).status());
        assertEquals(404, failure(queries.get("actor", "no-such-actor")).status());
        assertEquals(400, failure(queries.get("colour", "x")).status());
        assertEquals(400, failure(queries.list("colours", List.of(), 10, 0)).status());
        assertEquals(400, failure(queries.summary("nodes")).status());
        assertEquals(400, failure(queries.list("tasks", List.of("nonsense"), 10, 0)).status());
        assertEquals(400, failure(queries.list("tasks", List.of(), 0, 0)).status());
    }
}
