package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference counting across processes: a head and a worker as real JVMs, this JVM as the driver (the owner).
 * A task or actor on the worker that received a ref borrows it: the object stays while the worker holds
 * it, though the driver dropped every ref of its own, and goes once the worker drops it too.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class ReferenceCountingClusterTest {
    private static NodeProcess head;
    private static NodeProcess worker;

    /** An actor on the worker that keeps refs it is given. */
    public static class Keeper {
        private List<ObjectRef<int[]>> refs = List.of();

        public Keeper() {
        }

        public int keep(List<ObjectRef<int[]>> given) {
            refs = new ArrayList<>(given);
            return refs.size();
        }

        public long sum() {
            long sum = 0;
            for (ObjectRef<int[]> r : refs) {
                for (int v : Rayo.get(r)) {
                    sum += v;
                }
            }
            return sum;
        }

        /** Drops the refs and collects, so this process tells the owner at once. */
        public int drop() {
            refs = List.of();
            System.gc();
            return 0;
        }
    }

    /** Holds the nested ref for {@code millis}, then reads it: the owner must not free it meanwhile. */
    public static long readLater(List<ObjectRef<int[]>> refs, int millis) throws InterruptedException {
        Thread.sleep(millis);
        long sum = 0;
        for (int v : Rayo.get(refs.get(0))) {
            sum += v;
        }
        return sum;
    }

    /** Puts an object in the worker (which owns it) and returns its ref nested in the result. */
    public static List<ObjectRef<int[]>> putOnWorker() {
        return List.of(Rayo.put(values()));
    }

    /** Whether the process this runs in still owns object {@code objectId}. */
    public static boolean owns(String objectId) {
        return ((AkkaRayoRuntime) Rayo.runtime()).objects().lookup(objectId) != null;
    }

    /** Runs the garbage collector of the process it runs in. */
    public static int collect() {
        System.gc();
        return 0;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        int headPort = TestNodes.freePort();
        head = TestNodes.start("rc-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
        String seed = "127.0.0.1:" + headPort;
        worker = TestNodes.start("rc-worker", "--address", seed, "--num-cpus", "2", "--resources", "{\"RcWorker\": 4}");
        Rayo.init(RayoConfig.builder().address(seed).build());
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50)).describedAs("the worker joined")
                .until(() -> availableOnWorker() == 4.0);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try {
            Rayo.shutdown();
        } finally {
            TestNodes.closeAll(worker, head);
        }
    }

    private static AkkaRayoRuntime driver() {
        return (AkkaRayoRuntime) Rayo.runtime();
    }

    private static double availableOnWorker() {
        return Rayo.getRuntimeContext().availableResources().getOrDefault("RcWorker", 0.0);
    }

    private static int[] values() {
        int[] v = new int[50_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7;
        }
        return v;
    }

    private static long sumOfValues() {
        long sum = 0;
        for (int v : values()) {
            sum += v;
        }
        return sum;
    }

    /** Collects garbage here and on the worker until {@code condition} holds. */
    private static void eventuallyWithGc(String what, BooleanSupplier condition) {
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(100)).describedAs(what).until(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            System.gc();
            Rayo.get(Rayo.task(ReferenceCountingClusterTest::collect).setResource("RcWorker", 1).remote());
            return false;
        });
    }

    private static void collectFor(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            System.gc();
            Thread.sleep(50);
        }
    }

    @Test
    void anObjectBorrowedByATaskOnAnotherNodeStaysUntilTheTaskDropsIt() throws InterruptedException {
        ObjectRef<int[]> ref = Rayo.put(values());
        String id = ref.id();
        ObjectRef<Long> sum = Rayo.task(ReferenceCountingClusterTest::readLater, List.of(ref), 3000)
                .setResource("RcWorker", 1).remote();
        ref = null;
        collectFor(Duration.ofSeconds(1));
        assertNotNull(driver().objects().lookup(id), "the task on the worker holds it");
        assertEquals(sumOfValues(), Rayo.get(sum), "read after the driver dropped its ref");
        eventuallyWithGc("freed once the task's ref is dropped", () -> driver().objects().lookup(id) == null);
    }

    @Test
    void anActorOnAnotherNodeHoldingANestedRefKeepsTheObjectUntilItDropsIt() throws InterruptedException {
        ActorHandle<Keeper> keeper = Rayo.actor(Keeper::new).setResource("RcWorker", 1).remote();
        ObjectRef<int[]> ref = Rayo.put(values());
        String id = ref.id();
        assertEquals(1, Rayo.get(keeper.task(Keeper::keep, List.of(ref)).remote()));
        ref = null;
        collectFor(Duration.ofSeconds(2));
        assertNotNull(driver().objects().lookup(id), "the actor's state holds it");
        assertEquals(sumOfValues(), Rayo.get(keeper.task(Keeper::sum).remote()));
        Rayo.get(keeper.task(Keeper::drop).remote());
        eventuallyWithGc("freed once the actor dropped it", () -> driver().objects().lookup(id) == null);
    }

    private static boolean workerOwns(String objectId) {
        return Rayo.get(Rayo.task(ReferenceCountingClusterTest::owns, objectId).setResource("RcWorker", 1).remote());
    }

    @Test
    void aRefReturnedFromATaskOnAnotherNodeLivesAsLongAsTheResultHoldingIt() throws InterruptedException {
        ObjectRef<List<ObjectRef<int[]>>> result = Rayo.task(ReferenceCountingClusterTest::putOnWorker)
                .setResource("RcWorker", 1).remote();
        Rayo.wait(List.of(result));
        String innerId = Rayo.get(result).get(0).id();
        for (int i = 0; i < 5; i++) {
            Rayo.get(Rayo.task(ReferenceCountingClusterTest::collect).setResource("RcWorker", 1).remote());
            collectFor(Duration.ofMillis(200));
        }
        assertTrue(workerOwns(innerId), "the driver's result holds the worker's object");
        assertEquals(sumOfValues(), Arrays.stream(Rayo.get(Rayo.get(result).get(0))).asLongStream().sum());
        result = null;
        eventuallyWithGc("the worker frees it once the result is gone", () -> !workerOwns(innerId));
    }

    @Test
    void anActorOnAnotherNodeIsDestroyedOnceTheDriverDropsItsHandle() {
        eventuallyWithGc("the worker is idle", () -> availableOnWorker() == 4.0);
        ActorHandle<Keeper> keeper = Rayo.actor(Keeper::new).setResource("RcWorker", 2).remote();
        assertEquals(0, Rayo.get(keeper.task(Keeper::drop).remote()));
        eventuallyWithGc("the actor holds its resource", () -> availableOnWorker() == 2.0);
        keeper = null;
        eventuallyWithGc("its resource comes back once its handle is collected", () -> availableOnWorker() == 4.0);
    }
}
