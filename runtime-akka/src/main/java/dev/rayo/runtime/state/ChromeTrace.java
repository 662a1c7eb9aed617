package dev.rayo.runtime.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes task attempts in the Chrome Trace Event Format that Perfetto and chrome://tracing open as they are
 * (OPERATIONS.md, "Timeline format"): one {@code X} event per attempt with its three phases nested inside,
 * an integer {@code pid} per node and {@code tid} per worker thread, both named by {@code M} events.
 * <p>
 * Perfetto draws a track's events as a stack, so two attempts that overlap on one track would be drawn as
 * one nested in the other. They can overlap on one thread only when a call's outputs are stored after its
 * thread moved on (an async actor call); such an attempt goes on a second track of the same thread.
 */
public final class ChromeTrace {
    /** The name of the phase from the attempt's start to its code starting. */
    public static final String DESERIALIZE = "task:deserialize_arguments";
    /** The name of the phase in which the user's code runs. */
    public static final String EXECUTE = "task:execute";
    /** The name of the phase from the code returning to the outputs being stored. */
    public static final String STORE = "task:store_outputs";

    private ChromeTrace() {
    }

    /**
     * The trace of {@code attempts} (those not fully recorded are left out), named after {@code names}
     * (task id to display name), on {@code nodes} (every node id, so each gets its pid even without events).
     */
    public static String write(List<Traced> attempts, List<String> nodes) {
        TreeSet<String> nodeIds = new TreeSet<>(nodes);
        attempts.forEach(a -> nodeIds.add(a.attempt().node()));
        Map<String, Integer> pids = new HashMap<>();
        int next = 1;
        for (String n : nodeIds) {
            pids.put(n, next++);
        }
        List<Traced> complete = new ArrayList<>(attempts.stream().filter(a -> a.attempt().isComplete()).toList());
        complete.sort(Comparator.comparingLong((Traced a) -> a.attempt().startMicros())
                .thenComparing(a -> a.taskId()));
        // Tracks: per node, per worker thread, a list of lanes each holding the end of its last attempt.
        Map<String, Map<String, List<long[]>>> lanes = new TreeMap<>();
        Map<String, TreeMap<String, Integer>> tids = new HashMap<>();
        StringBuilder events = new StringBuilder();
        for (Traced t : complete) {
            AttemptRow a = t.attempt();
            List<long[]> workerLanes = lanes.computeIfAbsent(a.node(), k -> new TreeMap<>())
                    .computeIfAbsent(a.worker().isEmpty() ? "worker" : a.worker(), k -> new ArrayList<>());
            int lane = 0;
            while (lane < workerLanes.size() && workerLanes.get(lane)[0] > a.startMicros()) {
                lane++;
            }
            if (lane == workerLanes.size()) {
                workerLanes.add(new long[1]);
            }
            workerLanes.get(lane)[0] = a.endMicros();
            String track = (a.worker().isEmpty() ? "worker" : a.worker()) + (lane == 0 ? "" : " #" + (lane + 1));
            TreeMap<String, Integer> nodeTids = tids.computeIfAbsent(a.node(), k -> new TreeMap<>());
            Integer tid = nodeTids.get(track);
            if (tid == null) {
                tid = nodeTids.size() + 1;
                nodeTids.put(track, tid);
            }
            int pid = pids.get(a.node());
            complete(events, t.name(), "task", a.startMicros(), a.endMicros(), pid, tid, t);
            complete(events, DESERIALIZE, "task", a.startMicros(), a.argumentsReadyMicros(), pid, tid, t);
            complete(events, EXECUTE, "task", a.argumentsReadyMicros(), a.executedMicros(), pid, tid, t);
            complete(events, STORE, "task", a.executedMicros(), a.endMicros(), pid, tid, t);
        }
        StringBuilder out = new StringBuilder(events.length() + 256 * (nodeIds.size() + 8));
        out.append("{\"traceEvents\":[");
        boolean first = true;
        for (String n : nodeIds) {
            first = meta(out, first, "process_name", pids.get(n), 0, "Node " + n);
            for (Map.Entry<String, Integer> e : tids.getOrDefault(n, new TreeMap<>()).entrySet()) {
                first = meta(out, first, "thread_name", pids.get(n), e.getValue(), e.getKey());
            }
        }
        if (events.length() > 0) {
            if (!first) {
                out.append(',');
            }
            out.append(events, 1, events.length());
        }
        return out.append("],\"displayTimeUnit\":\"ms\"}").toString();
    }

    /** One attempt to draw, with the task's id and display name. */
    public record Traced(String taskId, String name, AttemptRow attempt) {
    }

    private static boolean meta(StringBuilder out, boolean first, String kind, int pid, int tid, String name) {
        if (!first) {
            out.append(',');
        }
        out.append("{\"name\":\"").append(kind).append("\",\"ph\":\"M\",\"pid\":").append(pid)
                .append(",\"tid\":").append(tid).append(",\"args\":{\"name\":");
        Json.string(out, name).append("}}");
        return false;
    }

    private static void complete(StringBuilder out, String name, String cat, long start, long end, int pid, int tid,
                                 Traced t) {
        AttemptRow a = t.attempt();
        out.append(",{\"name\":");
        Json.string(out, name);
        out.append(",\"cat\":\"").append(cat).append("\",\"ph\":\"X\",\"ts\":").append(start)
                .append(",\"dur\":").append(end - start).append(",\"pid\":").append(pid).append(",\"tid\":").append(tid)
                .append(",\"args\":{\"task_id\":");
        Json.string(out, t.taskId()).append(",\"attempt\":").append(a.attempt()).append(",\"node\":");
        Json.string(out, a.node()).append(",\"actor_id\":");
        Json.string(out, a.actorId()).append(",\"state\":");
        Json.string(out, a.state()).append("}}");
    }
}
