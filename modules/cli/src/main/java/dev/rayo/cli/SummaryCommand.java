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
import java.util.TreeSet;

/** {@code rayo summary tasks|actors|objects}: counts per function or class name and state. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Count the tasks (per function), actors (per class) or objects (per producing function) of a "
                + "Rayo cluster in each state.")
final class SummaryCommand extends StateCommand {
    @Mixin
    JournalOptions journal;

    @Override
    JournalOptions journalOptions() {
        return journal;
    }

    @Parameters(index = "0", paramLabel = "KIND", description = "tasks, actors or objects.")
    String kind;

    @Option(names = "--json", description = "Print the JSON that GET /api/summary/KIND answers.")
    boolean json;

    @Override
    void check() {
        StateQueries.checkSummary(kind);
    }

    @Override
    void run(StateQueries queries, PrintWriter out) throws Exception {
        ObjectNode answer = await(queries.summary(kind));
        if (json) {
            printJson(out, answer);
            return;
        }
        TreeSet<String> states = new TreeSet<>();
        answer.get("items").forEach(i -> i.get("state_counts").fieldNames().forEachRemaining(states::add));
        List<String> headers = new ArrayList<>(List.of("NAME", "TOTAL"));
        headers.addAll(states);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode i : answer.get("items")) {
            List<String> row = new ArrayList<>(List.of(i.get("name").asText(), i.get("total").asText()));
            states.forEach(s -> row.add(i.get("state_counts").path(s).asText("0")));
            rows.add(row);
        }
        out.print(Tables.render(headers, rows));
        out.println("Total: " + answer.get("total").asInt() + " " + answer.get("kind").asText()
                + (answer.path("truncated").asBoolean() ? " (incomplete: see dropped events)" : ""));
        if (answer.path("unanswered_nodes").size() > 0) {
            out.println("No answer from: " + Tables.text(answer.get("unanswered_nodes")));
        }
    }
}
