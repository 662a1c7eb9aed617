package dev.rayo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.dashboard.query.StateQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code rayo list nodes|tasks|actors|objects}: one row per entity, filtered and paged like {@code /api/KIND}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the nodes, tasks, actors or objects of a Rayo cluster, read from any member.")
final class ListCommand extends StateCommand {
    @Mixin
    JournalOptions journal;

    @Override
    JournalOptions journalOptions() {
        return journal;
    }

    @Parameters(index = "0", paramLabel = "KIND", description = "nodes, tasks, actors or objects.")
    String kind;

    @Option(names = "--filter", paramLabel = "KEY=VALUE",
            description = "Keep rows whose column KEY equals VALUE (ignoring case), e.g. state=FAILED or name=f; repeatable.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most N rows, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the JSON that GET /api/KIND answers.")
    boolean json;

    @Override
    void check() {
        StateQueries.checkList(kind, filters, limit, 0);
    }

    @Override
    void run(StateQueries queries, PrintWriter out) throws Exception {
        ObjectNode answer = await(queries.list(kind, filters, limit, 0));
        if (json) {
            printJson(out, answer);
            return;
        }
        String k = kind.strip().toLowerCase();
        List<List<String>> rows = new ArrayList<>();
        List<String> headers = switch (k) {
            case "nodes" -> List.of("NODE_ID", "STATE", "ROLES", "RESOURCES used/total", "STORE used/capacity", "DASHBOARD");
            case "tasks" -> List.of("TASK_ID", "NAME", "STATE", "NODE", "ATTEMPT", "ACTOR_ID", "DURATION_MS", "ERROR");
            case "actors" -> List.of("ACTOR_ID", "CLASS_NAME", "NAME", "STATE", "NODE", "RESTARTS");
            default -> List.of("OBJECT_ID", "SIZE", "OWNER", "LOCATIONS", "TASK_ID", "IS_PUT", "STATUS");
        };
        for (JsonNode i : answer.get("items")) {
            rows.add(switch (k) {
                case "nodes" -> List.of(t(i, "node_id"), t(i, "state"), t(i, "roles"),
                        Tables.resources(i.get("resources_total"), i.get("resources_available")),
                        Tables.bytes(i.get("store_used_bytes").asLong()) + " / "
                                + Tables.bytes(i.get("store_capacity_bytes").asLong()), t(i, "dashboard_url"));
                case "tasks" -> List.of(t(i, "task_id"), t(i, "name"), t(i, "state"), t(i, "node"), t(i, "attempt"),
                        t(i, "actor_id"), t(i, "duration_ms"), t(i, "error"));
                case "actors" -> List.of(t(i, "actor_id"), t(i, "class_name"), t(i, "name"), t(i, "state"), t(i, "node"),
                        t(i, "restarts"));
                default -> List.of(t(i, "object_id"), Tables.bytes(i.get("size_bytes").asLong()), t(i, "owner"),
                        t(i, "locations"), t(i, "task_id"), t(i, "is_put"), t(i, "status"));
            });
        }
        out.print(Tables.render(headers, rows));
        out.println(footer(k, answer));
    }

    private static String t(JsonNode item, String field) {
        return Tables.text(item.get(field));
    }

    /** "Showing N of TOTAL KIND", and what the answer left out. */
    static String footer(String kind, JsonNode answer) {
        StringBuilder f = new StringBuilder("Showing ").append(answer.get("items").size()).append(" of ")
                .append(answer.get("total").asInt()).append(' ').append(kind);
        if (answer.get("truncated").asBoolean()) {
            f.append(" (truncated: more exist; use --limit or --filter)");
        }
        long dropped = answer.path("dropped_events").asLong();
        if (dropped > 0) {
            f.append("\nThe nodes dropped ").append(dropped).append(" task events (rayo.events.capacity): older tasks are missing.");
        }
        if (answer.path("unanswered_nodes").size() > 0) {
            f.append("\nNo answer from: ").append(Tables.text(answer.get("unanswered_nodes")));
        }
        return f.toString();
    }
}
