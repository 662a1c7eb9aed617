package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.runtime.state.ActorRow;
import dev.rayo.runtime.state.AttemptRow;
import dev.rayo.runtime.state.NodeRow;
import dev.rayo.runtime.state.ObjectRow;
import dev.rayo.runtime.state.StateChange;
import dev.rayo.runtime.state.TaskDetail;
import dev.rayo.runtime.state.TaskRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snake_case fields of OPERATIONS.md, in its order, and the extras after them. */
class RowJsonTest {
    private static List<String> fields(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aTaskHasTheContractFieldsThenItsTimes() {
        ObjectNode t = RowJson.task(new TaskRow("t1", "f", "FINISHED", "h:2", 0, "", "", "h:1", 1_000_000,
                2_000_000, 2_050_500));
        assertEquals(RowJson.TASK_COLUMNS, fields(t));
        assertEquals(List.of("task_id", "name", "state", "node", "attempt", "actor_id", "error"),
                fields(t).subList(0, 7));
        assertEquals("t1", t.get("task_id").asText());
        assertEquals(0, t.get("attempt").asInt());
        assertEquals(1000, t.get("submitted_at").asLong());
        assertEquals(50.5, t.get("duration_ms").asDouble());
        ObjectNode running = RowJson.task(new TaskRow("t2", "f", "RUNNING", "h:2", 0, "", "", "h:1", 1, 2, 0));
        assertTrue(running.get("ended_at").isNull() && running.get("duration_ms").isNull());
    }

    @Test
    void aTaskInFullHasItsSpecHistoryAndAttempts() {
        TaskRow row = new TaskRow("t1", "f", "FINISHED", "h:2", 1, "", "", "h:1", 1000, 2000, 5000);
        TaskDetail d = new TaskDetail(row, Map.of("CPU", 1.0), List.of("o1"), 3, List.of("o0"),
                List.of(new StateChange(0, "PENDING_NODE_ASSIGNMENT", "h:1", 1000), new StateChange(1, "FINISHED", "h:2", 5000)),
                List.of(new AttemptRow(1, "h:2", "rayo-worker-1", "", "FINISHED", 2000, 3000, 4000, 5000, "")));
        ObjectNode o = RowJson.taskDetail(d);
        assertEquals(1.0, o.get("resources").get("CPU").asDouble());
        assertEquals("o1", o.get("return_ids").get(0).asText());
        assertEquals(3, o.get("max_retries").asInt());
        assertEquals("o0", o.get("arg_refs").get(0).asText());
        assertEquals(List.of("attempt", "state", "node", "time"), fields(o.get("history").get(0)));
        JsonNode a = o.get("attempts").get(0);
        assertEquals("h:2", a.get("node").asText());
        assertEquals("rayo-worker-1", a.get("worker").asText());
        assertEquals(3, a.get("arguments_ready_at").asLong());
        assertEquals(3.0, a.get("duration_ms").asDouble());
    }

    @Test
    void actorsObjectsAndNodesHaveTheContractFields() {
        ObjectNode a = RowJson.actor(new ActorRow("a1", "C", "", "ALIVE", "h:2", 2, "", "h:1"));
        assertEquals(List.of("actor_id", "class_name", "name", "state", "node", "restarts"), fields(a).subList(0, 6));
        assertEquals(2, a.get("restarts").asInt());
        ObjectNode o = RowJson.object(new ObjectRow("o1", 10, "h:1", List.of("h:2"), "t1", false, "READY"));
        assertEquals(List.of("object_id", "size_bytes", "owner", "locations", "task_id", "is_put"), fields(o).subList(0, 6));
        assertTrue(o.get("locations").isArray() && o.get("is_put").isBoolean());
        ObjectNode n = RowJson.node(new NodeRow("h:1", "akka://rayo@h:1", "ALIVE", Map.of("CPU", 2.0),
                Map.of("CPU", 1.5), 10, 100, List.of("head"), "http://127.0.0.1:8265", 7, 0));
        assertEquals(List.of("node_id", "address", "state", "resources_total", "resources_available",
                "store_used_bytes", "store_capacity_bytes"), fields(n).subList(0, 7));
        assertEquals(1.5, n.get("resources_available").get("CPU").asDouble());
        assertEquals(RowJson.NODE_COLUMNS, fields(n));
        assertEquals(RowJson.ACTOR_COLUMNS, fields(a));
        assertEquals(RowJson.OBJECT_COLUMNS, fields(o));
    }
}
