package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Counts per name and state ({@code rayo summary}, {@code /api/summary/KIND}): tasks per function, actors per
 * class, objects per producing function ({@code put} for put objects), each with its count per state.
 */
final class Summaries {
    private Summaries() {
    }

    /**
     * {@code {"kind": K, "total": N, "items": [{"name": n, "total": c, "state_counts": {STATE: c}}]}} of
     * {@code rows}, named by {@code name} and counted by {@code state}; items sorted by name.
     */
    static ObjectNode summarize(String kind, List<ObjectNode> rows, Function<ObjectNode, String> name,
                                Function<ObjectNode, String> state) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (ObjectNode row : rows) {
            counts.computeIfAbsent(name.apply(row), k -> new TreeMap<>()).merge(state.apply(row), 1, Integer::sum);
        }
        ObjectNode out = RowJson.MAPPER.createObjectNode();
        out.put("kind", kind);
        out.put("total", rows.size());
        ArrayNode items = out.putArray("items");
        counts.forEach((n, states) -> {
            ObjectNode item = items.addObject();
            item.put("name", n);
            item.put("total", states.values().stream().mapToInt(Integer::intValue).sum());
            ObjectNode byState = item.putObject("state_counts");
            states.forEach(byState::put);
        });
        return out;
    }
}
