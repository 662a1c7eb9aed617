package dev.rayo.cli;

import dev.rayo.dashboard.query.StateQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** {@code rayo timeline}: writes the cluster's task timeline (Chrome Trace Event Format) and prints its path. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Write the task timeline of a Rayo cluster (Chrome trace: open it in Perfetto or chrome://tracing) "
                + "and print the file's path.")
final class TimelineCommand extends StateCommand {
    @Mixin
    JournalOptions journal;

    @Override
    JournalOptions journalOptions() {
        return journal;
    }

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write it (default: ./rayo-timeline-<time>.json).")
    Path output;

    @Option(names = "--since", paramLabel = "DURATION",
            description = "Only attempts that ended in the last DURATION: 30s, 10m, 2h, 1d or ISO-8601 PT5M (default: all kept).")
    String since;

    @Override
    void check() {
        StateQueries.checkTimeline(since);
    }

    @Override
    void run(StateQueries queries, PrintWriter out) throws Exception {
        String trace = await(queries.timeline(since));
        Path file = output != null ? output : Path.of("rayo-timeline-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, trace);
        out.println(file.toAbsolutePath().normalize());
    }
}
