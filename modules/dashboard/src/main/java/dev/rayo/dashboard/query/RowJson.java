package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.runtime.state.ActorRow;
import dev.rayo.runtime.state.AttemptRow;
import dev.rayo.runtime.state.NodeRow;
import dev.rayo.runtime.state.ObjectRow;
import dev.rayo.runtime.state.StateChange;
import dev.rayo.runtime.state.TaskDetail;
import dev.rayo.runtime.state.TaskRow;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snake_case JSON of OPERATIONS.md for the runtime's state rows, in one place so that the dashboard's
 * endpoints and {@code rayo ... --json} can't drift apart. Times are epoch milliseconds ({@code null} when
 * not recorded), durations milliseconds with a fraction.
 */
public final class RowJson {
    /** The one mapper of the state API: its nodes are built here and written by the endpoints and the CLI. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** The columns of a task row, the ones OPERATIONS.md names first. */
    public static final List<String> TASK_COLUMNS = List.of("task_id", "name", "state", "node", "attempt", "actor_id",
            "error", "owner", "submitted_at", "started_at", "ended_at", "duration_ms");
    /** The columns of an actor row. */
    public static final List<String> ACTOR_COLUMNS = List.of("actor_id", "class_name", "name", "state", "node",
            "restarts", "namespace", "owner");
    /** The columns of an object row. */
    public static final List<String> OBJECT_COLUMNS = List.of("object_id", "size_bytes", "owner", "locations", "task_id",
            "is_put", "status");
    /** The columns of a node row. */
    public static final List<String> NODE_COLUMNS = List.of("node_id", "address", "state", "resources_total",
            "resources_available", "store_used_bytes", "store_capacity_bytes", "roles", "dashboard_url",
            "events_recorded", "events_dropped");

    private RowJson() {
    }

    /** One task's row. */
    public static ObjectNode task(TaskRow t) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("task_id", t.taskId());
        o.put("name", t.name());
        o.put("state", t.state());
        o.put("node", t.node());
        o.put("attempt", t.attempt());
        o.put("actor_id", t.actorId());
        o.put("error", t.error());
        o.put("owner", t.owner());
        time(o, "submitted_at", t.submittedMicros());
        time(o, "started_at", t.startedMicros());
        time(o, "ended_at", t.endedMicros());
        long d = t.durationMicros();
        if (d < 0) {
            o.putNull("duration_ms");
        } else {
            o.put("duration_ms", d / 1000.0);
        }
        return o;
    }

    /**
     * One task in full: its row's fields, its spec ({@code resources}, {@code return_ids}, {@code max_retries},
     * {@code arg_refs}), its state {@code history} and its {@code attempts}.
     */
    public static ObjectNode taskDetail(TaskDetail d) {
        ObjectNode o = task(d.task());
        o.set("resources", amounts(d.resources()));
        o.set("return_ids", strings(d.returnIds()));
        o.put("max_retries", d.maxRetries());
        o.set("arg_refs", strings(d.argRefs()));
        ArrayNode history = o.putArray("history");
        for (StateChange c : d.history()) {
            ObjectNode h = history.addObject();
            h.put("attempt", c.attempt());
            h.put("state", c.state());
            h.put("node", c.node());
            time(h, "time", c.epochMicros());
        }
        ArrayNode attempts = o.putArray("attempts");
        for (AttemptRow a : d.attempts()) {
            attempts.add(attempt(a));
        }
        return o;
    }

    /** One attempt: where and on which thread it ran, when each phase began, how it ended. */
    public static ObjectNode attempt(AttemptRow a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("attempt", a.attempt());
        o.put("node", a.node());
        o.put("worker", a.worker());
        o.put("actor_id", a.actorId());
        o.put("state", a.state());
        time(o, "started_at", a.startMicros());
        time(o, "arguments_ready_at", a.argumentsReadyMicros());
        time(o, "executed_at", a.executedMicros());
        time(o, "ended_at", a.endMicros());
        if (a.startMicros() > 0 && a.endMicros() >= a.startMicros()) {
            o.put("duration_ms", (a.endMicros() - a.startMicros()) / 1000.0);
        } else {
            o.putNull("duration_ms");
        }
        o.put("error", a.error());
        return o;
    }

    /** One actor. */
    public static ObjectNode actor(ActorRow a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("actor_id", a.actorId());
        o.put("class_name", a.className());
        o.put("name", a.name());
        o.put("state", a.state());
        o.put("node", a.node());
        o.put("restarts", a.restarts());
        o.put("namespace", a.namespace());
        o.put("owner", a.owner());
        return o;
    }

    /** One object. */
    public static ObjectNode object(ObjectRow r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("object_id", r.objectId());
        o.put("size_bytes", r.sizeBytes());
        o.put("owner", r.owner());
        o.set("locations", strings(r.locations()));
        o.put("task_id", r.taskId());
        o.put("is_put", r.isPut());
        o.put("status", r.status());
        return o;
    }

    /** One node; resources as amounts ({@code {"CPU": 2.0}}). */
    public static ObjectNode node(NodeRow n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("node_id", n.nodeId());
        o.put("address", n.address());
        o.put("state", n.state());
        o.set("resources_total", amounts(n.resourcesTotal()));
        o.set("resources_available", amounts(n.resourcesAvailable()));
        o.put("store_used_bytes", n.storeUsedBytes());
        o.put("store_capacity_bytes", n.storeCapacityBytes());
        o.set("roles", strings(n.roles()));
        o.put("dashboard_url", n.dashboardUrl());
        o.put("events_recorded", n.eventsRecorded());
        o.put("events_dropped", n.eventsDropped());
        return o;
    }

    /** A JSON array of {@code values}. */
    public static ArrayNode strings(Collection<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private static ObjectNode amounts(Map<String, Double> amounts) {
        ObjectNode o = MAPPER.createObjectNode();
        new TreeMap<>(amounts).forEach(o::put);
        return o;
    }

    private static void time(ObjectNode o, String field, long epochMicros) {
        if (epochMicros <= 0) {
            o.putNull(field);
        } else {
            o.put(field, epochMicros / 1000);
        }
    }
}
