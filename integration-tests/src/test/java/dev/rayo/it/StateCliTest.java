package dev.rayo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.cli.RayoCli;
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
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state CLI against a head (no CPUs) and two worker processes, with this JVM as the driver: every command
 * asked of a worker's address (any member answers), bad input as one line and exit code 1 from a real
 * {@code rayo} process, and the timeline checked event by event against OPERATIONS.md.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class StateCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NodeProcess head;
    private static NodeProcess worker1;
    private static NodeProcess worker2;
    private static final List<Path> storeDirs = new ArrayList<>();
    private static final List<String> slowTaskNodes = new ArrayList<>();
    /** Held so that their owner keeps them while the tests run. */
    private static final List<ObjectRef<?>> held = new ArrayList<>();
    private static String putId;
    private static String madeId;
    private static String actorId;
    private static ActorHandle<ClusterFns.Tally> tally;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startClusterAndRunWork() throws Exception {
        int headPort = TestNodes.freePort();
        Path shm = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        Path w1Store = shm.resolve("rayo-state-w1-" + headPort);
        Path w2Store = shm.resolve("rayo-state-w2-" + headPort);
        storeDirs.addAll(List.of(w1Store, w2Store));
        head = TestNodes.start("state-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "0");
        String seed = "127.0.0.1:" + headPort;
        worker1 = TestNodes.start("state-worker1", "--address", seed, "--num-cpus", "2", "--object-store-dir", w1Store.toString());
        worker2 = TestNodes.start("state-worker2", "--address", seed, "--num-cpus", "2", "--object-store-dir", w2Store.toString());
        Rayo.init(RayoConfig.builder().address(seed).numCpus(0).set("rayo.dashboard.enabled", "off").build());
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50)).describedAs("the driver sees both workers")
                .until(() -> driver().clusterView().nodes().stream().filter(n -> n.total().get("CPU") > 0).count(),
                        n -> n == 2);
        // Slow tasks, in rounds until both workers ran some.
        Set<String> nodes = new HashSet<>();
        for (int round = 0; round < 10 && nodes.size() < 2; round++) {
            List<ObjectRef<String>> refs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                refs.add(Rayo.task(ClusterFns::whereAmI, 50).remote());
            }
            List<String> where = Rayo.get(refs);
            slowTaskNodes.addAll(where);
            nodes.addAll(where);
        }
        assertEquals(Set.of(worker1.hostPort(), worker2.hostPort()), nodes);
        ObjectRef<byte[]> put = Rayo.put(new byte[200_000]);
        putId = put.id();
        held.add(put);
        ObjectRef<byte[]> made = Rayo.task(ClusterFns::makeBytes, 300_000, 7L).remote();
        madeId = made.id();
        held.add(made);
        assertEquals(300_000, Rayo.get(made).length);
        tally = Rayo.actor(ClusterFns.Tally::new, 1).remote();
        actorId = tally.actorId();
        assertEquals(3, Rayo.get(tally.task(ClusterFns.Tally::add, 2).remote()));
        // A dashboard URL for `rayo dashboard` to find, whether or not the head serves one of its own.
        driver().clusterState().publishDashboard("http://127.0.0.1:8265");
    }

    @AfterAll
    static void stopCluster() throws IOException {
        held.clear();
        tally = null;
        try {
            Rayo.shutdown();
        } finally {
            TestNodes.closeAll(worker2, worker1, head);
            for (Path dir : storeDirs) {
                TestTrees.deleteTree(dir);
            }
        }
    }

    private static AkkaRayoRuntime driver() {
        return (AkkaRayoRuntime) Rayo.runtime();
    }

    private record Result(int exit, String out, String err) {
    }

    /** {@code rayo ARGS --address WORKER1} in this JVM, as picocli runs it. */
    private static Result rayo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--address", worker1.hostPort()));
        int exit = new CommandLine(new RayoCli()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static JsonNode json(String... args) throws IOException {
        Result r = rayo(args);
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    /**
     * {@code list tasks --json} once every task's end is recorded: a worker records it as it stores the outputs,
     * which may be a moment after the driver got them.
     */
    private static JsonNode finishedTasks() {
        return Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(200))
                .describedAs("every task FINISHED in rayo list tasks")
                .until(() -> {
                    try {
                        return json("list", "tasks", "--json", "--limit", "1000");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, a -> a.get("items").findValuesAsText("state").stream().allMatch("FINISHED"::equals));
    }

    @Test
    void listGetSummaryMemoryNodesAndDashboardFromAWorkersAddress() throws Exception {
        JsonNode tasks = finishedTasks();
        assertFalse(tasks.get("truncated").asBoolean(), tasks.toString());
        assertTrue(tasks.get("total").asInt() >= slowTaskNodes.size() + 2, tasks.toString());
        Map<String, String> nodeOfSlowTask = new HashMap<>();
        for (JsonNode t : tasks.get("items")) {
            for (String f : List.of("task_id", "name", "state", "node", "attempt", "actor_id", "error")) {
                assertTrue(t.has(f), f + " in " + t);
            }
            assertEquals("FINISHED", t.get("state").asText(), t.toString());
            if (t.get("name").asText().endsWith("whereAmI")) {
                nodeOfSlowTask.put(t.get("task_id").asText(), t.get("node").asText());
            }
        }
        assertEquals(slowTaskNodes.size(), nodeOfSlowTask.size());
        assertEquals(Set.of(worker1.hostPort(), worker2.hostPort()), new HashSet<>(nodeOfSlowTask.values()));

        JsonNode onW2 = json("list", "tasks", "--json", "--filter", "node=" + worker2.hostPort(), "--filter", "state=finished");
        assertTrue(onW2.get("total").asInt() > 0);
        onW2.get("items").forEach(t -> assertEquals(worker2.hostPort(), t.get("node").asText()));
        JsonNode limited = json("list", "tasks", "--json", "--limit", "2");
        assertEquals(2, limited.get("items").size());
        assertTrue(limited.get("truncated").asBoolean());

        JsonNode made = json("get", "object", madeId, "--json");
        assertEquals(madeId, made.get("object_id").asText());
        assertFalse(made.get("is_put").asBoolean());
        assertTrue(made.get("size_bytes").asLong() >= 300_000, made.toString());
        assertEquals(driver().nodeId(), made.get("owner").asText());
        String producer = made.get("task_id").asText();
        JsonNode task = json("get", "task", producer, "--json");
        assertEquals(madeId, task.get("return_ids").get(0).asText());
        assertTrue(Set.of(worker1.hostPort(), worker2.hostPort()).contains(task.get("node").asText()), task.toString());
        assertEquals(task.get("node").asText(), made.get("locations").get(0).asText(), "stored where it ran");
        assertEquals(task.get("node").asText(), task.get("attempts").get(0).get("node").asText());
        assertFalse(task.get("attempts").get(0).get("worker").asText().isEmpty());
        assertTrue(task.get("history").size() >= 2);
        assertTrue(json("get", "object", putId, "--json").get("is_put").asBoolean());
        Result text = rayo("get", "task", producer);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("State history:") && text.out().contains("FINISHED"), text.out());

        JsonNode actor = json("get", "actor", actorId, "--json");
        assertEquals("ALIVE", actor.get("state").asText());
        assertTrue(actor.get("class_name").asText().endsWith("Tally"), actor.toString());
        JsonNode actors = json("list", "actors", "--json");
        for (String f : List.of("actor_id", "class_name", "name", "state", "node", "restarts")) {
            assertTrue(actors.get("items").get(0).has(f), f);
        }

        JsonNode summary = json("summary", "tasks", "--json");
        boolean found = false;
        for (JsonNode item : summary.get("items")) {
            if (item.get("name").asText().endsWith("whereAmI")) {
                assertEquals(slowTaskNodes.size(), item.get("state_counts").get("FINISHED").asInt());
                found = true;
            }
        }
        assertTrue(found, summary.toString());
        Result summaryText = rayo("summary", "tasks");
        assertTrue(summaryText.out().contains("FINISHED") && summaryText.out().contains("whereAmI"), summaryText.out());

        JsonNode memory = json("memory", "--json");
        assertEquals(0, memory.get("spilled_bytes").asLong());
        assertTrue(memory.get("total_bytes").asLong() >= 500_000, memory.toString());
        Set<String> groups = new HashSet<>();
        memory.get("groups").forEach(g -> groups.add(g.get("key").asText()));
        assertTrue(groups.contains(driver().nodeId()) && groups.contains(task.get("node").asText()), memory.toString());
        Result memoryText = rayo("memory", "--group-by", "owner");
        assertEquals(0, memoryText.exit(), memoryText.err());
        assertTrue(memoryText.out().contains("Owned by " + driver().nodeId()), memoryText.out());

        JsonNode nodes = json("list", "nodes", "--json");
        Set<String> ids = new HashSet<>();
        for (JsonNode n : nodes.get("items")) {
            ids.add(n.get("node_id").asText());
            for (String f : List.of("node_id", "address", "state", "resources_total", "resources_available",
                    "store_used_bytes", "store_capacity_bytes")) {
                assertTrue(n.has(f), f + " in " + n);
            }
        }
        assertEquals(Set.of(head.hostPort(), worker1.hostPort(), worker2.hostPort(), driver().nodeId()), ids,
                "every member, no CLI client");
        Result listText = rayo("list", "nodes");
        assertTrue(listText.out().contains(worker2.hostPort()) && listText.out().contains("Showing 4 of 4 nodes"),
                listText.out());

        Result dashboard = rayo("dashboard");
        assertEquals(0, dashboard.exit(), dashboard.err());
        assertTrue(dashboard.out().strip().matches("https?://[^\\s]+"), dashboard.out());
    }

    @Test
    void badInputIsOneLineAndExitCodeOneFromARealProcess() throws Exception {
        String unreachable = "127.0.0.1:" + TestNodes.freePort();
        List<List<String>> cases = List.of(
                List.of("get", "task", "no-such-task", "--address", worker2.hostPort()),
                List.of("list", "tasks", "--filter", "nonsense", "--address", worker2.hostPort()),
                List.of("list", "colours", "--address", worker2.hostPort()),
                List.of("list", "tasks", "--address", unreachable));
        List<String> expected = List.of("rayo get: no task with id no-such-task",
                "rayo list: malformed filter 'nonsense'", "rayo list: unknown kind 'colours'",
                "rayo list: no Rayo cluster answered at " + unreachable);
        for (int i = 0; i < cases.size(); i++) {
            Process p = rayoProcess(cases.get(i));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            String all = cases.get(i) + "\nstdout:\n" + out + "\nstderr:\n" + err;
            assertEquals(1, p.exitValue(), all);
            assertEquals("", out, all);
            assertEquals(1, err.lines().count(), all);
            assertTrue(err.startsWith(expected.get(i)), all);
            assertFalse(err.contains("Exception") || err.contains("\tat "), all);
        }
        // The cluster still answers.
        assertEquals(0, rayo("list", "nodes").exit());
    }

    private static Process rayoProcess(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-Dlogback.configurationFile=" + TestNodes.CLI_LOGBACK, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), RayoCli.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("RAYO_LOG_LEVEL");
        return pb.start();
    }

    @Test
    void timelineHasOneEventPerAttemptWithItsThreeNestedPhasesOnThePidOfItsNode() throws Exception {
        JsonNode tasks = finishedTasks();
        Path file = tmp.resolve("trace.json");
        Result r = rayo("timeline", "--output", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(file.toAbsolutePath().normalize().toString(), r.out().strip());
        TimelineCheck.check(JSON.readTree(Files.readString(file)), tasks,
                Map.of(worker1.hostPort(), "w1", worker2.hostPort(), "w2"), actorId);
        Result recent = rayo("timeline", "--output", tmp.resolve("recent.json").toString(), "--since", "10m");
        assertEquals(0, recent.exit(), recent.err());
        Result malformed = rayo("timeline", "--since", "yesterday");
        assertEquals(1, malformed.exit());
        assertTrue(malformed.err().startsWith("rayo timeline: malformed duration 'yesterday'"), malformed.err());
    }
}
