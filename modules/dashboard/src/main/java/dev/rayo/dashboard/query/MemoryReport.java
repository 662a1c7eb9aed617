package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.runtime.state.NodeRow;
import dev.rayo.runtime.state.ObjectRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rayo memory} and {@code /api/memory}: the objects held in each store (or owned by each node), the
 * largest first, with pinned and spilled bytes per group and every node's store totals.
 * <p>
 * Pinned bytes are those of objects whose owner still holds an entry for them (every object an owner lists
 * as {@code READY}); Rayo never spills to disk, so spilled bytes are always 0 and are reported so that
 * scripts written for Ray's output keep working.
 */
final class MemoryReport {
    /** The group-by values accepted. */
    static final List<String> GROUP_BY = List.of("node", "owner");
    /** The sort-by values accepted. */
    static final List<String> SORT_BY = List.of("size");
    /** Objects shown per group, the largest first; the group says when it has more. */
    static final int OBJECTS_PER_GROUP = 100;

    private MemoryReport() {
    }

    /** Checks {@code groupBy} (null: node) and returns it. */
    static String groupBy(String groupBy) {
        String g = groupBy == null || groupBy.isBlank() ? "node" : groupBy.strip().toLowerCase();
        if (!GROUP_BY.contains(g)) {
            throw QueryException.badRequest("unknown group-by '" + groupBy + "': expected one of " + String.join(", ", GROUP_BY));
        }
        return g;
    }

    /** Checks {@code sortBy} (null: size) and returns it. */
    static String sortBy(String sortBy) {
        String s = sortBy == null || sortBy.isBlank() ? "size" : sortBy.strip().toLowerCase();
        if (!SORT_BY.contains(s)) {
            throw QueryException.badRequest("unknown sort-by '" + sortBy + "': expected one of " + String.join(", ", SORT_BY));
        }
        return s;
    }

    /** The report of {@code objects} on {@code nodes}, grouped by {@code groupBy} (checked). */
    static ObjectNode build(String groupBy, String sortBy, List<NodeRow> nodes, List<ObjectRow> objects) {
        Map<String, List<ObjectRow>> groups = new LinkedHashMap<>();
        if (groupBy.equals("node")) {
            nodes.forEach(n -> groups.put(n.nodeId(), new ArrayList<>()));
        }
        for (ObjectRow o : objects) {
            if (groupBy.equals("owner")) {
                groups.computeIfAbsent(o.owner(), k -> new ArrayList<>()).add(o);
            } else if (o.locations().isEmpty()) {
                groups.computeIfAbsent("", k -> new ArrayList<>()).add(o);
            } else {
                o.locations().forEach(l -> groups.computeIfAbsent(l, k -> new ArrayList<>()).add(o));
            }
        }
        ObjectNode out = RowJson.MAPPER.createObjectNode();
        out.put("group_by", groupBy);
        out.put("sort_by", sortBy);
        long totalBytes = 0;
        long pinnedBytes = 0;
        for (ObjectRow o : objects) {
            totalBytes += o.sizeBytes();
            pinnedBytes += pinned(o) ? o.sizeBytes() : 0;
        }
        out.put("object_count", objects.size());
        out.put("total_bytes", totalBytes);
        out.put("pinned_bytes", pinnedBytes);
        out.put("spilled_bytes", 0);
        ArrayNode groupArray = out.putArray("groups");
        List<ObjectNode> built = new ArrayList<>();
        groups.forEach((key, rows) -> built.add(group(key, rows)));
        built.sort(Comparator.comparingLong((ObjectNode g) -> -g.get("total_bytes").asLong())
                .thenComparing(g -> g.get("key").asText()));
        built.forEach(groupArray::add);
        ArrayNode nodeArray = out.putArray("nodes");
        for (NodeRow n : nodes) {
            ObjectNode node = nodeArray.addObject();
            node.put("node_id", n.nodeId());
            node.put("store_used_bytes", n.storeUsedBytes());
            node.put("store_capacity_bytes", n.storeCapacityBytes());
            node.put("spilled_bytes", 0);
        }
        return out;
    }

    private static ObjectNode group(String key, List<ObjectRow> rows) {
        List<ObjectRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong((ObjectRow o) -> -o.sizeBytes()).thenComparing(ObjectRow::objectId));
        ObjectNode g = RowJson.MAPPER.createObjectNode();
        g.put("key", key);
        g.put("object_count", rows.size());
        g.put("total_bytes", rows.stream().mapToLong(ObjectRow::sizeBytes).sum());
        g.put("pinned_bytes", rows.stream().filter(MemoryReport::pinned).mapToLong(ObjectRow::sizeBytes).sum());
        g.put("spilled_bytes", 0);
        g.put("truncated", sorted.size() > OBJECTS_PER_GROUP);
        ArrayNode items = g.putArray("objects");
        sorted.stream().limit(OBJECTS_PER_GROUP).map(RowJson::object).forEach(items::add);
        return g;
    }

    private static boolean pinned(ObjectRow o) {
        return "READY".equals(o.status());
    }
}
