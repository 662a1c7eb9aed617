package dev.rayo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.RayoCli;
import dev.rayo.dashboard.query.StateQueries;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --journal} on the task commands: a node exporting its task events to its H2 journal file
 * ({@code rayo.events.export = jdbc}) runs tasks and stops; afterwards {@code rayo list tasks}, {@code get task},
 * {@code summary tasks} and {@code timeline} read the journal through the node's config file, with no cluster,
 * and answer the same JSON the live node answered. Bad input is one line and exit code 1 (2 for misused options).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JournalCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 6;

    @TempDir
    static Path dir;
    private static Path config;
    private static String nodeId;
    private static JsonNode liveTasks;
    private static JsonNode liveDetail;
    private static JsonNode liveSummary;

    @BeforeAll
    static void runTasksOnANodeThatExportsAndStopIt() throws Exception {
        Path journal = dir.resolve("journal");
        config = dir.resolve("node.conf");
        Files.writeString(config, "rayo.persistence.h2-file = \"" + journal.toString().replace("\\", "/") + "\"\n"
                + "rayo.events.export = jdbc\n");
        Rayo.init(RayoConfig.builder().numCpus(2).set("rayo.dashboard.enabled", "off")
                .set("rayo.persistence.h2-file", journal.toString())
                .set("rayo.events.export", "jdbc")
                .set("rayo.events.export-interval", "1h").build()); // only the flush at shutdown writes
        AkkaRayoRuntime rt = (AkkaRayoRuntime) Rayo.runtime();
        nodeId = rt.nodeId();
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            refs.add(Rayo.task(ClusterFns::plusOne, i).remote());
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6), Rayo.get(refs));
        StateQueries live = new StateQueries(rt.clusterState());
        liveTasks = Eventually.within(Duration.ofSeconds(30)).every(Duration.ofMillis(20))
                .describedAs("every task's end recorded")
                .until(() -> live.list("tasks", List.of(), 100, 0).toCompletableFuture().join(),
                        a -> a.get("items").size() == TASKS
                                && allMatch(a.get("items"), t -> t.get("state").asText().equals("FINISHED")));
        liveDetail = printed(live.get("task", liveTasks.get("items").get(0).get("task_id").asText()).toCompletableFuture().join());
        liveSummary = printed(live.summary("tasks").toCompletableFuture().join());
        Rayo.shutdown(); // the flush at shutdown writes every event
    }

    @AfterAll
    static void stop() {
        Rayo.shutdown();
    }

    /** {@code answer} as the CLI prints it and a reader parses it (the same numbers, as parsed node types). */
    private static JsonNode printed(JsonNode answer) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(answer));
    }

    private static boolean allMatch(JsonNode items, java.util.function.Predicate<JsonNode> p) {
        for (JsonNode i : items) {
            if (!p.test(i)) {
                return false;
            }
        }
        return true;
    }

    private record Result(int exit, String out, String err) {
    }

    /** {@code rayo ARGS} in this JVM, as picocli runs it. */
    private static Result rayo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RayoCli()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static JsonNode json(String... args) throws IOException {
        Result r = rayo(args);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        return JSON.readTree(r.out());
    }

    private static List<JsonNode> byId(JsonNode items) {
        List<JsonNode> out = new ArrayList<>();
        items.forEach(out::add);
        out.sort(Comparator.comparing(i -> i.get("task_id").asText()));
        return out;
    }

    @Test
    void theTaskCommandsReadTheJournalAfterTheNodeIsGoneAsTheLiveNodeAnswered() throws Exception {
        JsonNode tasks = json("list", "tasks", "--journal", "--config", config.toString(), "--json");
        assertEquals(TASKS, tasks.get("total").asInt(), tasks.toString());
        for (JsonNode t : tasks.get("items")) {
            assertEquals("FINISHED", t.get("state").asText(), t.toString());
            assertEquals(nodeId, t.get("node").asText(), t.toString());
            assertTrue(t.get("name").asText().endsWith("plusOne"), t.toString());
        }
        assertEquals(byId(liveTasks.get("items")), byId(tasks.get("items")), "the rows the live node answered");
        assertEquals(0, tasks.get("dropped_events").asLong());
        assertEquals(0, tasks.get("unanswered_nodes").size());

        Result text = rayo("list", "tasks", "--journal", "--config", config.toString(), "--filter", "state=FINISHED");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("Showing " + TASKS + " of " + TASKS + " tasks"), text.out());

        String id = liveDetail.get("task_id").asText();
        JsonNode detail = json("get", "task", id, "--journal", "--config", config.toString(), "--json");
        assertEquals(liveDetail, detail, "the detail the live node answered");
        assertEquals("FINISHED", detail.get("state").asText());
        assertEquals(nodeId, detail.get("attempts").get(0).get("node").asText(), detail.toString());

        JsonNode summary = json("summary", "tasks", "--journal", "--config", config.toString(), "--json");
        assertEquals(liveSummary, summary, "the summary the live node answered");

        Path file = dir.resolve("trace.json");
        Result timeline = rayo("timeline", "--journal", "--config", config.toString(), "--output", file.toString());
        assertEquals(0, timeline.exit(), timeline.err());
        assertEquals(file.toAbsolutePath().normalize().toString(), timeline.out().strip());
        JsonNode trace = JSON.readTree(Files.readString(file));
        Set<String> traced = new HashSet<>();
        boolean nodeNamed = false;
        for (JsonNode e : trace.get("traceEvents")) {
            if (e.get("ph").asText().equals("M") && e.get("name").asText().equals("process_name")) {
                nodeNamed |= e.get("args").get("name").asText().equals("Node " + nodeId);
            } else if (e.get("ph").asText().equals("X") && e.get("name").asText().endsWith("plusOne")) {
                assertEquals(nodeId, e.get("args").get("node").asText(), e.toString());
                assertEquals("FINISHED", e.get("args").get("state").asText(), e.toString());
                assertTrue(traced.add(e.get("args").get("task_id").asText()), "one X event per attempt: " + e);
            }
        }
        assertTrue(nodeNamed, "a process named after the node: " + trace);
        Set<String> ids = new HashSet<>();
        tasks.get("items").forEach(t -> ids.add(t.get("task_id").asText()));
        assertEquals(ids, traced, "an X event per task");
    }

    @Test
    void badInputIsOneLineAndExitCodeOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once closed
        }
        Path postgres = dir.resolve("postgres.conf");
        Files.writeString(postgres, String.join("\n",
                "rayo.persistence.journal = jdbc",
                "akka-persistence-jdbc.shared-databases.slick.profile = \"slick.jdbc.PostgresProfile$\"",
                "akka-persistence-jdbc.shared-databases.slick.db.driver = org.postgresql.Driver",
                "akka-persistence-jdbc.shared-databases.slick.db.url = \"jdbc:postgresql://127.0.0.1:" + closed + "/rayo\"",
                "akka-persistence-jdbc.shared-databases.slick.db.user = rayo",
                "akka-persistence-jdbc.shared-databases.slick.db.password = secret", ""));
        Path empty = dir.resolve("empty.conf");
        Files.writeString(empty, "rayo.persistence.h2-file = \"" + dir.resolve("nothing-exported").toString().replace("\\", "/")
                + "\"\n");
        Path noTable = dir.resolve("no-table");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                dev.rayo.runtime.config.JournalDatabase.h2Url(noTable), "sa", "")) {
            c.createStatement().execute("CREATE TABLE something_else (id INT)"); // a database nothing exported to
        }
        Path noTableConf = dir.resolve("no-table.conf");
        Files.writeString(noTableConf, "rayo.persistence.h2-file = \"" + noTable.toString().replace("\\", "/") + "\"\n");
        List<List<String>> cases = List.of(
                List.of("summary", "tasks", "--journal", "--config", noTableConf.toString()),
                List.of("list", "tasks", "--journal", "--config", postgres.toString()),
                List.of("get", "task", "abc", "--journal", "--config", empty.toString()),
                List.of("timeline", "--journal", "--config", dir.resolve("no-such.conf").toString()),
                List.of("list", "actors", "--journal", "--config", config.toString()),
                List.of("summary", "objects", "--journal", "--config", config.toString()),
                List.of("get", "task", "no-such-task", "--journal", "--config", config.toString()));
        List<String> expected = List.of(
                "rayo summary: can't read the exported task events (rayo_task_events) from jdbc:h2:file:"
                        + noTable.toAbsolutePath() + ": Table \"rayo_task_events\" not found",
                "rayo list: can't read the exported task events (rayo_task_events) from jdbc:postgresql://127.0.0.1:" + closed + "/rayo",
                "rayo get: can't read the exported task events (rayo_task_events) from jdbc:h2:file:",
                "rayo timeline: no config file ",
                "rayo list: the journal keeps task events only: actors are not in it",
                "rayo summary: the journal keeps task events only: objects are not in it",
                "rayo get: no task with id no-such-task in the exported task events");
        for (int i = 0; i < cases.size(); i++) {
            Result r = rayo(cases.get(i).toArray(String[]::new));
            String all = cases.get(i) + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err();
            assertEquals(1, r.exit(), all);
            assertEquals("", r.out(), all);
            assertEquals(1, r.err().lines().count(), all);
            assertTrue(r.err().startsWith(expected.get(i)), all);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("secret"), all);
        }

        assertFalse(Files.exists(dir.resolve("nothing-exported.mv.db")), "reading creates no database");

        Result both = rayo("list", "tasks", "--journal", "--address", "127.0.0.1:1");
        assertEquals(2, both.exit(), both.err());
        assertEquals("rayo list: --address and --journal exclude each other (the journal is read without a cluster)",
                both.err().strip());
        Result neither = rayo("timeline");
        assertEquals(2, neither.exit(), neither.err());
        assertEquals("rayo timeline: give --address HOST:PORT (any node of the cluster) or --journal", neither.err().strip());
        Result configAlone = rayo("list", "tasks", "--config", config.toString(), "--address", "127.0.0.1:1");
        assertEquals(2, configAlone.exit(), configAlone.err());
        assertEquals("rayo list: --config FILE is read with --journal only", configAlone.err().strip());

        // The journal still answers after the bad input.
        assertEquals(TASKS, json("list", "tasks", "--journal", "--config", config.toString(), "--json").get("total").asInt());
    }
}
