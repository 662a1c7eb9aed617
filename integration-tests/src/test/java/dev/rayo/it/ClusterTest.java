package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorLifetime;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoTaskCancelledException;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.transfer.ObjectPuller;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A head and two workers, each a real JVM on loopback, and this JVM as the driver. Worker stores live in
 * their own directories, so objects move between them as between hosts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class ClusterTest {
    private static NodeProcess head;
    private static NodeProcess worker1;
    private static NodeProcess worker2;
    private static final List<Path> storeDirs = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        int headPort = TestNodes.freePort();
        Path shm = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        Path w1Store = shm.resolve("rayo-it-w1-" + headPort);
        Path w2Store = shm.resolve("rayo-it-w2-" + headPort);
        storeDirs.addAll(List.of(w1Store, w2Store));
        head = TestNodes.start("head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "2");
        String seed = "127.0.0.1:" + headPort;
        worker1 = TestNodes.start("worker1", "--address", seed, "--num-cpus", "2", "--resources", "{\"OnlyW1\": 4}",
                "--object-store-dir", w1Store.toString());
        worker2 = TestNodes.start("worker2", "--address", seed, "--num-cpus", "2", "--resources", "{\"OnlyW2\": 4}",
                "--object-store-dir", w2Store.toString());
        Rayo.init(RayoConfig.builder().address(seed).build());
        awaitNodesWithCpus(3);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try {
            Rayo.shutdown();
        } finally {
            TestNodes.closeAll(worker2, worker1, head);
            for (Path dir : storeDirs) {
                TestTrees.deleteTree(dir);
            }
        }
    }

    /**
     * The driver's runtime. The driver starts in {@code @BeforeAll}, after the nodes it joins, so no
     * {@code RayoRuntimeExtension} (whose runtime would start before them) can start it.
     */
    private static AkkaRayoRuntime driver() {
        return (AkkaRayoRuntime) Rayo.runtime();
    }

    private static List<NodeInfo> nodesWithCpus() {
        return driver().clusterView().nodes().stream().filter(n -> n.total().get("CPU") > 0).toList();
    }

    private static void awaitNodesWithCpus(int n) {
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50))
                .describedAs("the driver sees " + n + " nodes")
                .until(ClusterTest::nodesWithCpus, nodes -> nodes.size() == n);
    }

    private static String nodeId(NodeProcess p) {
        return p.hostPort();
    }

    @Test
    @Order(1)
    void tasksSpreadOverAllThreeNodes() {
        List<ObjectRef<String>> refs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            refs.add(Rayo.task(ClusterFns::whereAmI, 300).remote());
        }
        Set<String> nodes = new HashSet<>(Rayo.get(refs));
        assertEquals(Set.of(nodeId(head), nodeId(worker1), nodeId(worker2)), nodes);
    }

    @Test
    @Order(2)
    void customResourceOnOneWorkerPullsItsTasksThere() {
        List<ObjectRef<String>> refs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(Rayo.task(ClusterFns::whereAmI, 10).setResource("OnlyW1", 1).remote());
        }
        assertEquals(Set.of(nodeId(worker1)), new HashSet<>(Rayo.get(refs)));
    }

    /**
     * {@code Rayo.cancel} reaches a task running in another process: the worker interrupts it, the driver's
     * {@code get} says cancelled long before the task's minute of sleep is over, and the worker serves on.
     */
    @Test
    @Order(2)
    void aTaskRunningOnAWorkerIsCancelledFromTheDriver() {
        ObjectRef<String> sleeper = Rayo.task(ClusterFns::sleepOrCancel, 60_000).setResource("OnlyW1", 1).remote();
        Eventually.within(Duration.ofSeconds(30)).describedAs("the task runs on worker1")
                .until(() -> driver().clusterState().tasks().toCompletableFuture().join().rows().stream()
                        .anyMatch(t -> t.name().contains("sleepOrCancel") && t.state().equals("RUNNING")
                                && nodeId(worker1).equals(t.node())));
        Rayo.cancel(sleeper);
        RayoTaskCancelledException e = assertThrows(RayoTaskCancelledException.class,
                () -> Rayo.get(sleeper, Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertEquals(nodeId(worker1), Rayo.get(Rayo.task(ClusterFns::whereAmI, 10).setResource("OnlyW1", 1).remote(),
                Duration.ofSeconds(30)), "the worker still serves");
    }

    @Test
    @Order(3)
    void chainsWhoseInputsSitOnAnotherNode() {
        ObjectRef<double[]> onW1 = Rayo.task(ClusterFns::makeDoubles, 500_000).setResource("OnlyW1", 1).remote();
        ObjectRef<String> onW2 = Rayo.task(ClusterFns::sumAndWhere, onW1).setResource("OnlyW2", 1).remote();
        double expected = Arrays.stream(ClusterFns.makeDoubles(500_000)).sum();
        assertEquals((long) expected + "@" + nodeId(worker2), Rayo.get(onW2));
        ObjectRef<Integer> small = Rayo.task(ClusterFns::plusOne, 1).setResource("OnlyW1", 1).remote();
        ObjectRef<Integer> next = Rayo.task(ClusterFns::plusOne, small).setResource("OnlyW2", 1).remote();
        assertEquals(3, Rayo.get(next));
    }

    @Test
    @Order(3)
    void aTaskFreeToRunAnywhereGoesToTheNodeHoldingItsLargeInput() {
        ObjectRef<double[]> onW2 = Rayo.task(ClusterFns::makeDoubles, 500_000).setResource("OnlyW2", 1).remote();
        Rayo.wait(List.of(onW2));
        // The input's holder is preferred when the driver's view shows it has room; earlier tests' tasks may
        // still be booked there in that view, so wait until worker 2 is seen idle.
        String w2 = worker2.address();
        Eventually.within(Duration.ofSeconds(30)).every(Duration.ofMillis(50))
                .describedAs("worker 2 looks idle to the driver").until(() -> driver().clusterView().node(w2)
                        .map(n -> n.available().get("CPU") == n.total().get("CPU")).orElse(false));
        // No resource pins it: the CPU-less driver spills it, and the 4 MB input decides where.
        String where = Rayo.get(Rayo.task(ClusterFns::sumAndWhere, onW2).remote());
        assertTrue(where.endsWith("@" + nodeId(worker2)), where);
    }

    @Test
    @Order(3)
    void anObjectReadOnAnotherNodeIsFreedEverywhereWhenItsLastRefDies() {
        ObjectRef<double[]> made = Rayo.task(ClusterFns::makeDoubles, 300_000).setResource("OnlyW1", 1).remote();
        ObjectRef<String> used = Rayo.task(ClusterFns::sumAndWhere, made).setResource("OnlyW2", 1).remote();
        assertTrue(Rayo.get(used).endsWith("@" + nodeId(worker2)));
        String id = made.id();
        assertTrue(storeHolds("OnlyW1", id), "made on worker 1");
        assertTrue(storeHolds("OnlyW2", id), "pulled to worker 2, which has its own store");
        made = null;
        used = null;
        Eventually.within(Duration.ofSeconds(30)).every(Duration.ofMillis(100))
                .describedAs("the object was freed on both workers").until(() -> {
                    if (driver().objects().lookup(id) == null && !storeHolds("OnlyW1", id) && !storeHolds("OnlyW2", id)) {
                        return true;
                    }
                    System.gc();
                    return false;
                });
    }

    private static boolean storeHolds(String workerResource, String objectId) {
        return Rayo.get(Rayo.task(ClusterFns::storeHolds, objectId).setResource(workerResource, 1).remote());
    }

    @Test
    @Order(4)
    void twoHundredMegabyteObjectMadeOnOneNodeIsReadOnAnother() {
        int size = 200 << 20;
        ObjectPuller.Counts before = driver().transfers();
        ObjectRef<byte[]> big = Rayo.task(ClusterFns::makeBytes, size, 42L).setResource("OnlyW1", 1).remote();
        byte[] got = Rayo.get(big);
        assertTrue(Arrays.equals(ClusterFns.makeBytes(size, 42L), got), "byte-identical");
        ObjectPuller.Counts after = driver().transfers();
        assertEquals(before.streamed() + 1, after.streamed(), "streamed from worker 1's transfer server");
        assertEquals(before.chunked(), after.chunked(), "no Akka chunks");
    }

    @Test
    @Order(5)
    void actorCreatedByTheDriverIsCalledFromATaskOnAnotherWorker() {
        ActorHandle<ClusterFns.Tally> tally = Rayo.actor(ClusterFns.Tally::new).setResource("OnlyW1", 1).remote();
        String result = Rayo.get(Rayo.task(ClusterFns::callTally, tally, 5).setResource("OnlyW2", 1).remote());
        assertEquals("5 task@" + nodeId(worker2) + " actor@" + nodeId(worker1), result);
        assertEquals(7, Rayo.get(tally.task(ClusterFns.Tally::add, 2).remote()));
    }

    @Test
    @Order(6)
    void namedActorIsFoundFromAnotherNode() {
        Rayo.actor(ClusterFns.Tally::new, 100).setName("it-named").setLifetime(ActorLifetime.DETACHED).remote();
        int total = Rayo.get(Rayo.task(ClusterFns::lookupAndAdd, "it-named", 1).setResource("OnlyW2", 1).remote());
        assertEquals(101, total);
    }

    @Test
    @Order(7)
    void rayoStatusListsEveryNode() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-Dlogback.configurationFile=" + TestNodes.CLI_LOGBACK, "-cp", System.getProperty("java.class.path"),
                "dev.rayo.cli.RayoCli", "status", "--address", head.hostPort()));
        Process status = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(status.getInputStream(), StandardCharsets.UTF_8))) {
            out = r.lines().collect(Collectors.joining("\n"));
        }
        assertTrue(status.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, status.exitValue(), out);
        assertTrue(out.contains("Rayo cluster: 4 node(s)"), out);
        for (NodeProcess p : List.of(head, worker1, worker2)) {
            assertTrue(out.contains(nodeId(p)), out);
        }
        assertTrue(out.contains("Total: CPU 0/6") || out.matches("(?s).*Total: CPU \\d/6.*"), out);
        assertTrue(out.contains("OnlyW1") && out.contains("OnlyW2"), out);
    }

    @Test
    @Order(8)
    void clusterGoesOnWhenTheFirstSeedNodeLeaves() throws Exception {
        head.stop();
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50))
                .describedAs("the head left the driver's view")
                .until(() -> nodesWithCpus().stream().noneMatch(n -> n.nodeId().equals(nodeId(head))));
        List<ObjectRef<String>> refs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            refs.add(Rayo.task(ClusterFns::whereAmI, 100).remote());
        }
        assertEquals(Set.of(nodeId(worker1), nodeId(worker2)), new HashSet<>(Rayo.get(refs)));
        ActorHandle<ClusterFns.Tally> t = Rayo.actor(ClusterFns.Tally::new).remote();
        assertEquals(3, Rayo.get(t.task(ClusterFns.Tally::add, 3).remote()));
    }
}
