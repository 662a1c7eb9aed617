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
import java.util.Map;

/** {@code rayo get task|actor|object ID}: one entity in full, as {@code /api/KINDs/ID} answers it. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show one task (spec, state history, attempts, error), actor or object (size, owner, locations, "
                + "producing task, put or not) of a Rayo cluster.")
final class GetCommand extends StateCommand {
    @Mixin
    JournalOptions journal;

    @Override
    JournalOptions journalOptions() {
        return journal;
    }

    @Parameters(index = "0", paramLabel = "KIND", description = "task, actor or object.")
    String kind;

    @Parameters(index = "1", paramLabel = "ID", description = "Its id.")
    String id;

    @Option(names = "--json", description = "Print the JSON that GET /api/KINDs/ID answers.")
    boolean json;

    @Override
    void check() {
        StateQueries.checkGet(kind);
    }

    @Override
    void run(StateQueries queries, PrintWriter out) throws Exception {
        ObjectNode answer = await(queries.get(kind, id));
        if (json) {
            printJson(out, answer);
            return;
        }
        List<String> nested = List.of("history", "attempts");
        answer.fields().forEachRemaining((Map.Entry<String, JsonNode> e) -> {
            if (!nested.contains(e.getKey())) {
                String value = e.getKey().endsWith("_at") ? Tables.time(e.getValue()) : Tables.text(e.getValue());
                out.printf("%-22s %s%n", e.getKey() + ":", value);
            }
        });
        if (answer.has("history")) {
            out.println();
            out.println("State history:");
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode h : answer.get("history")) {
                rows.add(List.of(Tables.time(h.get("time")), Tables.text(h.get("attempt")), Tables.text(h.get("state")),
                        Tables.text(h.get("node"))));
            }
            out.print(Tables.render(List.of("TIME", "ATTEMPT", "STATE", "NODE"), rows));
        }
        if (answer.has("attempts")) {
            out.println();
            out.println("Attempts:");
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode a : answer.get("attempts")) {
                rows.add(List.of(Tables.text(a.get("attempt")), Tables.text(a.get("node")), Tables.text(a.get("worker")),
                        Tables.text(a.get("state")), Tables.time(a.get("started_at")), Tables.time(a.get("arguments_ready_at")),
                        Tables.time(a.get("executed_at")), Tables.time(a.get("ended_at")), Tables.text(a.get("duration_ms")),
                        Tables.text(a.get("error"))));
            }
            out.print(Tables.render(List.of("ATTEMPT", "NODE", "WORKER", "STATE", "STARTED", "ARGUMENTS_READY",
                    "EXECUTED", "ENDED", "DURATION_MS", "ERROR"), rows));
        }
    }
}
