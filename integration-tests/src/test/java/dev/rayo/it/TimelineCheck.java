package dev.rayo.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks a trace event by event against OPERATIONS.md, "Timeline format". */
final class TimelineCheck {
    static final List<String> PHASES = List.of("task:deserialize_arguments", "task:execute", "task:store_outputs");

    private TimelineCheck() {
    }

    /**
     * Checks {@code trace} against the tasks of {@code tasks} (the {@code list tasks --json} answer, every one
     * finished): one top-level X event per attempt named after its task, its phases nested in order on its
     * track, a pid per node named {@code Node HOST:PORT}, the workers in {@code workers} on different pids,
     * named threads, no overlap on a track, and {@code actorId} on the actor call's event.
     */
    static void check(JsonNode trace, JsonNode tasks, Map<String, String> workers, String actorId) {
        assertTrue(trace.isObject(), "a JSON object");
        JsonNode events = trace.get("traceEvents");
        assertNotNull(events, "traceEvents");
        assertTrue(events.isArray());

        Map<Integer, String> processNames = new HashMap<>();
        Set<String> threadNames = new HashSet<>();
        List<JsonNode> tops = new ArrayList<>();
        Map<String, List<JsonNode>> phasesOf = new HashMap<>();
        for (JsonNode e : events) {
            String ph = e.get("ph").asText();
            assertTrue(e.get("pid").isIntegralNumber(), "integer pid: " + e);
            assertTrue(e.get("tid").isIntegralNumber(), "integer tid: " + e);
            if (ph.equals("M")) {
                String name = e.get("name").asText();
                assertTrue(name.equals("process_name") || name.equals("thread_name"), e.toString());
                String label = e.get("args").get("name").asText();
                if (name.equals("process_name")) {
                    assertTrue(label.matches("Node [^:]+:\\d+"), e.toString());
                    assertEquals(null, processNames.put(e.get("pid").asInt(), label), "one name per pid: " + e);
                } else {
                    assertFalse(label.isEmpty(), e.toString());
                    assertTrue(threadNames.add(e.get("pid").asInt() + "/" + e.get("tid").asInt()), "one name per thread: " + e);
                }
                continue;
            }
            assertEquals("X", ph, e.toString());
            assertTrue(e.get("ts").isNumber() && e.get("dur").isNumber(), e.toString());
            assertTrue(e.get("dur").asDouble() >= 0, e.toString());
            assertEquals("task", e.get("cat").asText(), e.toString());
            JsonNode args = e.get("args");
            for (String f : List.of("task_id", "attempt", "node", "actor_id", "state")) {
                assertTrue(args.has(f), f + " in " + e);
            }
            String key = args.get("task_id").asText() + "#" + args.get("attempt").asInt();
            if (PHASES.contains(e.get("name").asText())) {
                phasesOf.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            } else {
                tops.add(e);
            }
        }

        Map<String, String> names = new HashMap<>();
        tasks.get("items").forEach(t -> names.put(t.get("task_id").asText(), t.get("name").asText()));
        Set<String> attempts = new HashSet<>();
        Map<String, Set<Integer>> pidsOfWorker = new HashMap<>();
        boolean actorCallSeen = false;
        for (JsonNode top : tops) {
            JsonNode args = top.get("args");
            String taskId = args.get("task_id").asText();
            String key = taskId + "#" + args.get("attempt").asInt();
            assertTrue(attempts.add(key), "one event per attempt: " + top);
            assertEquals(names.get(taskId), top.get("name").asText(), "named after its task: " + top);
            assertEquals("FINISHED", args.get("state").asText(), top.toString());
            int pid = top.get("pid").asInt();
            assertEquals("Node " + args.get("node").asText(), processNames.get(pid), "the pid of its node: " + top);
            assertTrue(threadNames.contains(pid + "/" + top.get("tid").asInt()), "a named thread: " + top);
            if (workers.containsKey(args.get("node").asText())) {
                pidsOfWorker.computeIfAbsent(args.get("node").asText(), k -> new HashSet<>()).add(pid);
            }
            actorCallSeen |= args.get("actor_id").asText().equals(actorId);

            List<JsonNode> phases = phasesOf.getOrDefault(key, List.of());
            assertEquals(PHASES, phases.stream().map(p -> p.get("name").asText()).toList(),
                    "the three phases, in order, once each: " + phases);
            double start = top.get("ts").asDouble();
            double end = start + top.get("dur").asDouble();
            double previousEnd = start;
            for (JsonNode p : phases) {
                assertEquals(top.get("pid"), p.get("pid"), p.toString());
                assertEquals(top.get("tid"), p.get("tid"), p.toString());
                double ps = p.get("ts").asDouble();
                double pe = ps + p.get("dur").asDouble();
                assertTrue(ps >= start && pe <= end, "inside its attempt: " + p + " in " + top);
                assertTrue(ps >= previousEnd, "after the phase before it: " + p);
                previousEnd = pe;
            }
        }
        for (String taskId : names.keySet()) {
            assertTrue(attempts.contains(taskId + "#0"), "an event for task " + taskId + " (" + names.get(taskId) + ")");
        }
        assertTrue(actorCallSeen, "the actor call carries its actor id");
        assertEquals(workers.keySet(), pidsOfWorker.keySet(), "tasks ran on both workers");
        List<Integer> workerPids = new ArrayList<>();
        pidsOfWorker.values().forEach(p -> {
            assertEquals(1, p.size(), "one pid per node: " + p);
            workerPids.addAll(p);
        });
        assertNotEquals(workerPids.get(0), workerPids.get(1), "the two workers have different pids");
        assertEquals(processNames.size(), new HashSet<>(processNames.values()).size(), "one pid per node");

        Map<String, List<JsonNode>> tracks = new HashMap<>();
        tops.forEach(t -> tracks.computeIfAbsent(t.get("pid").asInt() + "/" + t.get("tid").asInt(), k -> new ArrayList<>()).add(t));
        tracks.forEach((track, onTrack) -> {
            onTrack.sort(Comparator.comparingDouble(t -> t.get("ts").asDouble()));
            for (int i = 1; i < onTrack.size(); i++) {
                JsonNode before = onTrack.get(i - 1);
                assertTrue(onTrack.get(i).get("ts").asDouble() >= before.get("ts").asDouble() + before.get("dur").asDouble(),
                        "no overlap on track " + track + ": " + before + " and " + onTrack.get(i));
            }
        });
    }
}
