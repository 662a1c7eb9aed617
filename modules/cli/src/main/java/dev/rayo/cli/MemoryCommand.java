package dev.rayo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.dashboard.query.StateQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code rayo memory}: the objects held in each store (or owned by each node), pinned and spilled bytes. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Show the objects held in each node's store (or owned by each node), the largest first, with "
                + "pinned/spilled bytes and each node's store use.")
final class MemoryCommand extends StateCommand {
    /** Objects printed per group without --json. */
    private static final int SHOWN_PER_GROUP = 10;

    @Option(names = "--group-by", paramLabel = "node|owner", defaultValue = "node",
            description = "Group objects by the node whose store holds them, or by their owner (default: ${DEFAULT-VALUE}).")
    String groupBy;

    @Option(names = "--sort-by", paramLabel = "size", defaultValue = "size",
            description = "Order of groups and objects (default: ${DEFAULT-VALUE}).")
    String sortBy;

    @Option(names = "--json", description = "Print the JSON that GET /api/memory answers.")
    boolean json;

    @Override
    void check() {
        StateQueries.checkMemory(groupBy, sortBy);
    }

    @Override
    void run(ClusterClient client, PrintWriter out) throws Exception {
        ObjectNode answer = await(client.queries().memory(groupBy, sortBy));
        if (json) {
            printJson(out, answer);
            return;
        }
        out.println("Objects: " + answer.get("object_count").asInt() + ", " + Tables.bytes(answer.get("total_bytes").asLong())
                + " (pinned " + Tables.bytes(answer.get("pinned_bytes").asLong()) + ", spilled "
                + Tables.bytes(answer.get("spilled_bytes").asLong()) + ")"
                + (answer.get("truncated").asBoolean() ? " — truncated: an owner has more than are read" : ""));
        out.println();
        List<List<String>> nodes = new ArrayList<>();
        for (JsonNode n : answer.get("nodes")) {
            nodes.add(List.of(n.get("node_id").asText(), Tables.bytes(n.get("store_used_bytes").asLong()),
                    Tables.bytes(n.get("store_capacity_bytes").asLong()), Tables.bytes(n.get("spilled_bytes").asLong())));
        }
        out.print(Tables.render(List.of("NODE", "STORE_USED", "STORE_CAPACITY", "SPILLED"), nodes));
        String by = answer.get("group_by").asText();
        for (JsonNode g : answer.get("groups")) {
            out.println();
            out.println((by.equals("node") ? "Held on " : "Owned by ") + (g.get("key").asText().isEmpty() ? "(nowhere yet)"
                    : g.get("key").asText()) + ": " + g.get("object_count").asInt() + " objects, "
                    + Tables.bytes(g.get("total_bytes").asLong()) + " (pinned " + Tables.bytes(g.get("pinned_bytes").asLong())
                    + ", spilled " + Tables.bytes(g.get("spilled_bytes").asLong()) + ")");
            List<List<String>> rows = new ArrayList<>();
            int shown = 0;
            for (JsonNode o : g.get("objects")) {
                if (shown++ == SHOWN_PER_GROUP) {
                    break;
                }
                rows.add(List.of(o.get("object_id").asText(), Tables.bytes(o.get("size_bytes").asLong()),
                        o.get("owner").asText(), Tables.text(o.get("locations")), o.get("task_id").asText(),
                        o.get("is_put").asText(), o.get("status").asText()));
            }
            if (!rows.isEmpty()) {
                out.print(Tables.render(List.of("OBJECT_ID", "SIZE", "OWNER", "LOCATIONS", "TASK_ID", "IS_PUT", "STATUS"), rows));
            }
            if (g.get("object_count").asInt() > rows.size()) {
                out.println("… and " + (g.get("object_count").asInt() - rows.size()) + " smaller (--json shows up to 100)");
            }
        }
        if (answer.path("unanswered_nodes").size() > 0) {
            out.println("No answer from: " + Tables.text(answer.get("unanswered_nodes")));
        }
    }
}
