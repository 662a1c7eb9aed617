package dev.rayo.it;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of tasks from a driver without CPUs to worker JVMs, as the cross-node benchmark sends it: the
 * specs cross in batches and the results come back coalesced, and still every task runs exactly once and
 * every result arrives; when a worker is killed while it holds part of a batch, those tasks run again on
 * the other worker. Each run of a task appends its index to a file of the process that ran it, so runs
 * are counted across JVMs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrossNodeBatchingTest {
    private static final String RESOURCE = "BatchWorker";
    private static final Map<String, NodeProcess> workers = new LinkedHashMap<>();
    private static final List<Path> dirs = new ArrayList<>();
    private static Path runs;
    private static int port;
    private static String clusterName;

    @BeforeAll
    static void startCluster() throws Exception {
        port = TestNodes.freePort();
        clusterName = "rayo-batching-" + port;
        runs = Files.createTempDirectory("rayo-batching-runs");
        dirs.add(runs);
        Path headStore = store("head");
        Rayo.init(RayoConfig.builder()
                .numCpus(0)
                .objectStoreDirectory(headStore.toString())
                .set("rayo.cluster-name", clusterName)
                .set("rayo.node.port", port)
                .build());
        startWorker("batch-w1");
        startWorker("batch-w2");
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50)).describedAs("both workers' CPUs in view")
                .until(() -> Rayo.getRuntimeContext().clusterResources().getOrDefault(RESOURCE, 0.0) >= 4);
    }

    private static Path store(String name) throws IOException {
        Path shm = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        Path dir = shm.resolve("rayo-batching-" + name + "-" + port);
        dirs.add(dir);
        return dir;
    }

    private static void startWorker(String name) throws IOException {
        NodeProcess w = TestNodes.start(name, "--address", "127.0.0.1:" + port, "--cluster-name", clusterName,
                "--num-cpus", "2", "--resources", "{\"" + RESOURCE + "\": 2}",
                "--object-store-dir", store(name).toString());
        workers.put(w.address(), w);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try {
            Rayo.shutdown();
        } finally {
            workers.values().forEach(NodeProcess::close);
            for (Path dir : dirs) {
                TestTrees.deleteTree(dir);
            }
        }
    }

    private static AkkaRayoRuntime runtime() {
        return (AkkaRayoRuntime) Rayo.runtime();
    }

    /** Records one run of task {@code i} of {@code round} in a file of this process, then returns {@code i}. */
    public static int recordRun(String dir, String round, int i, int sleepMillis) throws Exception {
        if (sleepMillis > 0) {
            Thread.sleep(sleepMillis);
        }
        Files.writeString(Path.of(dir, round + "-" + ProcessHandle.current().pid()), i + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return i;
    }

    private static List<ObjectRef<Integer>> submit(String round, int n, int sleepMillis) {
        List<ObjectRef<Integer>> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            refs.add(Rayo.task(CrossNodeBatchingTest::recordRun, runs.toString(), round, i, sleepMillis)
                    .setResource(RESOURCE, 1).remote());
        }
        return refs;
    }

    private static int ranSoFar(String round) {
        try {
            return runsOf(round).size();
        } catch (IOException | NumberFormatException e) {
            return 0; // a line being written: look again
        }
    }

    /** How many times each task of {@code round} ran, over every process. */
    private static Map<Integer, Integer> runsOf(String round) throws IOException {
        Map<Integer, Integer> counts = new HashMap<>();
        try (Stream<Path> files = Files.list(runs)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(round + "-")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    counts.merge(Integer.parseInt(line.trim()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    @Test
    @Order(1)
    void twoThousandTasksSubmittedAtOnceEachRunExactlyOnce() throws Exception {
        long reexecutedBefore = runtime().reexecutedTasks();
        List<ObjectRef<Integer>> refs = submit("burst", 2_000, 0);
        List<Integer> values = Rayo.get(refs, Duration.ofSeconds(120));
        for (int i = 0; i < values.size(); i++) {
            assertEquals(i, values.get(i), "result of task " + i);
        }
        Map<Integer, Integer> counts = runsOf("burst");
        assertEquals(2_000, counts.size(), "every task ran");
        assertTrue(counts.values().stream().allMatch(c -> c == 1), "no task ran twice: " + counts.entrySet().stream()
                .filter(e -> e.getValue() != 1).limit(10).toList());
        assertEquals(0, runtime().reexecutedTasks() - reexecutedBefore);
    }

    @Test
    @Order(2)
    void tasksOfABatchHeldByAKilledWorkerRunAgainOnTheOther() throws Exception {
        long reexecutedBefore = runtime().reexecutedTasks();
        List<ObjectRef<Integer>> refs = submit("kill", 2_000, 4);
        // Both workers hold part of the burst; kill one while it still has most of its share to run.
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(20)).describedAs("some tasks ran")
                .until(() -> ranSoFar("kill") >= 100);
        // The victim is a worker that ran some of them, so it surely held part of the burst.
        String victim = workers.entrySet().stream()
                .filter(w -> Files.exists(runs.resolve("kill-" + w.getValue().pid())))
                .findFirst().orElseThrow().getKey();
        workers.remove(victim).close();
        List<Integer> values = Rayo.get(refs, Duration.ofSeconds(150));
        for (int i = 0; i < values.size(); i++) {
            assertEquals(i, values.get(i), "result of task " + i);
        }
        Map<Integer, Integer> counts = runsOf("kill");
        assertEquals(2_000, counts.size(), "every task ran");
        long reexecuted = runtime().reexecutedTasks() - reexecutedBefore;
        System.out.println("killed a worker mid-burst: " + reexecuted + " task(s) submitted again");
        assertTrue(reexecuted > 0, "the killed worker held tasks that had to run again");
    }
}
