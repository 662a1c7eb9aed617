package dev.rayo.it;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.wire.StoredValue;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes die by kill -9 (no leave) while work runs; every answer is still right. A head and three workers,
 * each worker with its own store directory, so objects on a killed worker are really gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class FaultToleranceTest {
    private static final Map<String, NodeProcess> workers = new LinkedHashMap<>();
    private static NodeProcess head;
    private static final List<Path> storeDirs = new ArrayList<>();
    private static final Map<String, Path> storeOf = new LinkedHashMap<>();
    private static final Map<String, String> ownResourceOf = new LinkedHashMap<>();
    private static int headPort;
    private static int started;

    @BeforeAll
    static void startCluster() throws Exception {
        headPort = TestNodes.freePort();
        head = TestNodes.start("ft-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
        for (int i = 0; i < 3; i++) {
            startWorker();
        }
        Rayo.init(RayoConfig.builder().address("127.0.0.1:" + headPort).build());
    }

    /** A worker with 2 CPUs, the shared resource "Worker" and one of its own ("W<n>"), and its own store. */
    private static String startWorker() throws IOException {
        return startWorker(null);
    }

    /** Like {@link #startWorker()}, also offering one unit of {@code extraResource} when not null. */
    private static String startWorker(String extraResource) throws IOException {
        int n = ++started;
        Path shm = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        Path store = shm.resolve("rayo-ft-w" + n + "-" + headPort);
        storeDirs.add(store);
        NodeProcess w = TestNodes.start("ft-worker" + n, "--address", "127.0.0.1:" + headPort, "--num-cpus", "2",
                "--resources", "{\"Worker\": 2, \"W" + n + "\": 2" + (extraResource == null ? "" : ", \"" + extraResource + "\": 1") + "}",
                "--object-store-dir", store.toString());
        workers.put(w.address(), w);
        ownResourceOf.put(w.address(), "W" + n);
        storeOf.put(w.address(), store);
        return w.address();
    }

    /** Kills a worker and starts a fresh one, as an operator (or an autoscaler) would. */
    private static void replace(String address) throws Exception {
        kill(address);
        String fresh = startWorker();
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50))
                .describedAs("the new worker joined the view").until(() -> runtime().clusterView().node(fresh).isPresent());
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try {
            Rayo.shutdown();
        } finally {
            workers.values().forEach(NodeProcess::close);
            head.close();
            for (Path dir : storeDirs) {
                TestTrees.deleteTree(dir);
            }
        }
    }

    /**
     * The driver's runtime. The driver starts in {@code @BeforeAll}, after the nodes it joins, so no
     * {@code RayoRuntimeExtension} (whose runtime would start before them) can start it.
     */
    private static AkkaRayoRuntime runtime() {
        return (AkkaRayoRuntime) Rayo.runtime();
    }

    /** Kills the worker at {@code address} with SIGKILL and waits until the driver no longer sees it. */
    private static void kill(String address) {
        workers.remove(address).close();
        awaitRemoved(address);
    }

    private static void awaitRemoved(String address) {
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50))
                .describedAs("the killed node was removed from the cluster").until(() -> !isMember(address));
    }

    private static boolean isMember(String address) {
        return hasAddress(akka.cluster.typed.Cluster.get(runtime().system()).state().getMembers(), address);
    }

    private static boolean hasAddress(Iterable<akka.cluster.Member> members, String address) {
        for (akka.cluster.Member m : members) {
            if (m.address().toString().equals(address)) {
                return true;
            }
        }
        return false;
    }

    public static double[] step(double[] in, int millis) throws InterruptedException {
        Thread.sleep(millis);
        double[] out = in.clone();
        out[0] += 1;
        return out;
    }

    public static double head(double[] in) {
        return in[0];
    }

    @Test
    @Order(1)
    void dagOfTwoThousandTasksSurvivesAWorkerKilledMidRun() throws Exception {
        long reexecutedBefore = runtime().reexecutedTasks();
        List<ObjectRef<Double>> results = new ArrayList<>();
        for (int chain = 0; chain < 200; chain++) {
            double[] start = new double[20_000]; // 160 KB: every link lives in a worker's store
            start[0] = chain * 100;
            ObjectRef<double[]> link = Rayo.put(start);
            for (int i = 0; i < 10; i++) {
                link = Rayo.task(FaultToleranceTest::step, link, 15).setResource("Worker", 1).remote();
            }
            results.add(Rayo.task(FaultToleranceTest::head, link).setResource("Worker", 1).remote());
        }
        Thread.sleep(2500);
        String victim = workers.keySet().iterator().next();
        long killedAt = System.nanoTime();
        kill(victim);
        System.out.printf("worker killed; removed from the cluster after %.1f s%n", (System.nanoTime() - killedAt) / 1e9);
        startWorker();
        List<Double> values = Rayo.get(results, Duration.ofSeconds(150));
        for (int chain = 0; chain < 200; chain++) {
            assertEquals(chain * 100 + 10.0, values.get(chain), "chain " + chain);
        }
        long reexecuted = runtime().reexecutedTasks() - reexecutedBefore;
        System.out.println("DAG of 2,200 tasks: " + reexecuted + " task(s) re-executed after the kill");
        assertTrue(reexecuted > 0, "the killed worker held work that had to run again");
    }

    @Test
    @Order(2)
    void objectWhoseOnlyCopyDiedIsReconstructed() throws Exception {
        ObjectRef<double[]> ref = Rayo.task(ClusterFns::makeDoubles, 300_000).setResource("Worker", 1).remote();
        Rayo.wait(List.of(ref));
        StoredValue where = runtime().objects().lookup(ref.id()).join();
        assertTrue(where instanceof StoredValue.InStore, "a large result stays in its worker's store: " + where);
        long before = runtime().reexecutedTasks();
        replace(((StoredValue.InStore) where).nodeAddress());
        assertArrayEquals(ClusterFns.makeDoubles(300_000), Rayo.get(ref, Duration.ofSeconds(60)));
        assertEquals(1, runtime().reexecutedTasks() - before, "made again once, from its lineage");
    }

    public static ObjectRef<double[]> makeOn(String resource, int n) {
        return Rayo.task(ClusterFns::makeDoubles, n).setResource(resource, 1).remote();
    }

    /**
     * Waits (in a task) until the node running it sees {@code amount} of {@code resource} in the cluster, and
     * returns what it saw; the task fails when it did not see that much within 60 s.
     */
    public static double awaitResource(String resource, double amount) {
        return Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50))
                .describedAs(amount + " " + resource + " in the cluster")
                .until(() -> Rayo.getRuntimeContext().clusterResources().getOrDefault(resource, 0.0),
                        seen -> seen >= amount);
    }

    private static void awaitResourceSeenBy(String node, String resource, double amount) {
        double seen = Rayo.get(Rayo.task(FaultToleranceTest::awaitResource, resource, amount)
                .setResource(ownResourceOf.get(node), 1).remote(), Duration.ofSeconds(90));
        assertTrue(seen >= amount, node + " never saw " + resource);
    }

    @Test
    @Order(3)
    void borrowedObjectWhoseHolderDiedIsMadeAgainByItsLiveOwner() throws Exception {
        String holder = startWorker("Holder");
        String owner = workers.keySet().stream().filter(a -> !a.equals(holder)).findFirst().orElseThrow();
        awaitResourceSeenBy(owner, "Holder", 1);
        // A task on one worker (the owner) makes the object on another (the holder) and hands the driver the ref.
        ObjectRef<ObjectRef<double[]>> outer = Rayo.task(FaultToleranceTest::makeOn, "Holder", 300_000)
                .setResource(ownResourceOf.get(owner), 1).remote();
        ObjectRef<double[]> borrowed = Rayo.get(outer, Duration.ofSeconds(60));
        assertEquals(owner, ownerOf(borrowed));
        Rayo.wait(List.of(borrowed));
        startWorker("Holder"); // where the owner can make it again
        awaitResourceSeenBy(owner, "Holder", 2);
        workers.remove(holder).close();
        // At once, before the cluster removes the holder: the owner still names the dead holder at first.
        assertArrayEquals(ClusterFns.makeDoubles(300_000), Rayo.get(borrowed, Duration.ofSeconds(120)));
    }

    public static ObjectRef<double[]> putInside(int n) {
        return Rayo.put(ClusterFns.makeDoubles(n));
    }

    @Test
    @Order(4)
    void putWhoseOnlyCopyDiedIsLostNotHung() throws Exception {
        ObjectRef<ObjectRef<double[]>> outer = Rayo.task(FaultToleranceTest::putInside, 300_000).setResource("Worker", 1).remote();
        ObjectRef<double[]> inner = Rayo.get(outer);
        String holder = workers.keySet().stream().filter(a -> a.equals(ownerOf(inner))).findFirst().orElseThrow();
        replace(holder);
        long start = System.nanoTime();
        ObjectLostException e = assertThrows(ObjectLostException.class, () -> Rayo.get(inner, Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains(holder), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "failed fast");
    }

    private static String ownerOf(ObjectRef<?> ref) {
        return ((dev.rayo.runtime.ownership.RayoObjectRef<?>) ref).ownerAddress();
    }

    @Test
    @Order(5)
    void killedDriverLeavesNoObjectsInTheWorkersStores() throws Exception {
        String survivor = workers.keySet().iterator().next();
        String resource = resourceOf(survivor);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-Dlogback.configurationFile=" + TestNodes.CLI_LOGBACK, "-cp", System.getProperty("java.class.path"),
                HoldingDriver.class.getName(), head.hostPort(), resource));
        Process driver = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> ids;
        // This JVM attaches to the survivor's store directory, as any process of the host may, to look the
        // dead driver's objects up by id (the store's totals also move with other tests' reconstructions).
        try (dev.rayo.store.ObjectStore store = dev.rayo.store.ObjectStores.open(dev.rayo.store.StoreConfig.builder()
                .directory(storeOf.get(survivor)).build())) {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.startsWith("READY"));
                assertTrue(line != null, "the second driver never got ready");
                ids = List.of(line.substring("READY ".length()).split(","));
                assertEquals(4, ids.size());
                for (String id : ids) {
                    assertTrue(store.contains(id), "object " + id + " is in the survivor's store");
                }
            } finally {
                driver.destroyForcibly();
            }
            Eventually.within(Duration.ofSeconds(90)).every(Duration.ofMillis(100))
                    .describedAs("the dead driver's objects were freed")
                    .until(() -> ids.stream().noneMatch(store::contains));
        }
    }

    @Test
    @Order(6)
    void actorIsRestartedOnceThenFailsForGood() throws Exception {
        dev.rayo.api.ActorHandle<ClusterFns.Tally> tally = Rayo.actor(ClusterFns.Tally::new)
                .setResource("Worker", 1).setMaxRestarts(1).remote();
        assertEquals(5, Rayo.get(tally.task(ClusterFns.Tally::add, 5).remote()));
        String first = nodeOf(Rayo.get(tally.task(ClusterFns.Tally::node).remote()));
        replace(first);
        // Re-created from its constructor on another node: the state starts over.
        assertEquals(1, Rayo.get(tally.task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(60)));
        String second = nodeOf(Rayo.get(tally.task(ClusterFns.Tally::node).remote()));
        assertTrue(!second.equals(first), "moved to another node");
        replace(second);
        dev.rayo.api.exception.RayoActorException e = assertThrows(dev.rayo.api.exception.RayoActorException.class,
                () -> Rayo.get(tally.task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("restarts"), e.getMessage());
    }

    @Test
    @Order(7)
    void callInFlightIsRetriedOnTheRestartedActorWhenAsked() throws Exception {
        dev.rayo.api.ActorHandle<ClusterFns.Tally> tally = Rayo.actor(ClusterFns.Tally::new)
                .setResource("Worker", 1).setMaxRestarts(2).setMaxTaskRetries(1).remote();
        String host = nodeOf(Rayo.get(tally.task(ClusterFns.Tally::node).remote()));
        ObjectRef<Integer> inFlight = tally.task(ClusterFns.Tally::slowAdd, 7, 4000).remote();
        Thread.sleep(1000);
        replace(host);
        assertEquals(7, Rayo.get(inFlight, Duration.ofSeconds(90)), "sent again to the re-created actor");
    }

    @Test
    @Order(8)
    void actorPlacedWhileANodeIsUnreachableAnswersBeforeThatNodeIsRemoved() throws Exception {
        List<String> alive = new ArrayList<>(workers.keySet());
        String victim = alive.get(0);
        String survivor = alive.get(1);
        workers.remove(victim).close();
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(20))
                .describedAs("the killed node was found unreachable").until(() -> isUnreachable(victim));
        // A new actor means a new shard, which the coordinator must record before anyone can reach it. With
        // Akka's default consistency (every node of a small cluster) it waits for the dead node's removal.
        dev.rayo.api.ActorHandle<ClusterFns.Tally> tally = Rayo.actor(ClusterFns.Tally::new)
                .setResource(ownResourceOf.get(survivor), 1).remote();
        assertEquals(3, Rayo.get(tally.task(ClusterFns.Tally::add, 3).remote(), Duration.ofSeconds(60)));
        assertTrue(isMember(victim), "the call was answered only after the dead node's removal (about 5 s after it"
                + " was found unreachable): the shard coordinator waited for the dead node");
        awaitRemoved(victim);
        startWorker();
    }

    @Test
    @Order(9)
    void anObjectTheOwnerReadOutlivesItsHolderAndGoesWithItsLastRef() throws Exception {
        ObjectRef<double[]> ref = Rayo.task(ClusterFns::makeDoubles, 300_000).setResource("Worker", 1).remote();
        assertArrayEquals(ClusterFns.makeDoubles(300_000), Rayo.get(ref, Duration.ofSeconds(60)));
        String id = ref.id();
        String holder = ((StoredValue.InStore) runtime().objects().lookup(id).join()).nodeAddress();
        assertTrue(runtime().store().contains(id), "the driver pulled a copy to read it");
        long before = runtime().reexecutedTasks();
        replace(holder);
        assertArrayEquals(ClusterFns.makeDoubles(300_000), Rayo.get(ref, Duration.ofSeconds(60)));
        assertEquals(before, runtime().reexecutedTasks(), "the driver's own copy serves: nothing ran again");
        ref = null;
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(100))
                .describedAs("the copy went with its last ref (its holder is dead)").until(() -> {
                    if (!runtime().store().contains(id)) {
                        return true;
                    }
                    System.gc();
                    return false;
                });
    }

    private static boolean isUnreachable(String address) {
        return hasAddress(akka.cluster.typed.Cluster.get(runtime().system()).state().getUnreachable(), address);
    }

    /** The Akka address of the worker whose node id ({@code host:port}) is {@code nodeId}. */
    private static String nodeOf(String nodeId) {
        return workers.keySet().stream().filter(a -> a.endsWith("@" + nodeId)).findFirst().orElseThrow();
    }

    private static String resourceOf(String address) {
        NodeInfo n = runtime().clusterView().node(address).orElseThrow();
        return n.total().units().keySet().stream().filter(r -> r.matches("W\\d")).findFirst().orElseThrow();
    }

}
