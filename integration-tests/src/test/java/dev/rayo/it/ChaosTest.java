package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.cli.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For 60 s a chaos thread kills a random worker with SIGKILL and starts a fresh one every 10 s, while the
 * driver runs chains of tasks and actor calls. At the end every task result is right, and every actor
 * call either succeeded with a right answer or failed with RayoActorException (its actor died mid-call).
 *
 * <p>Tagged {@code chaos}: run it alone with {@code ./mvnw -pl integration-tests test -Dgroups=chaos}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.Tag("chaos")
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class ChaosTest {
    private static final Duration CHAOS = Duration.ofSeconds(60);
    private static final Duration KILL_EVERY = Duration.ofSeconds(10);
    /** One kill per beat inside the chaos period: at 10, 20, 30, 40 and 50 s. */
    private static final int KILLS = (int) ((CHAOS.toNanos() - 1) / KILL_EVERY.toNanos());

    public static long addTo(long x, long y) throws InterruptedException {
        Thread.sleep(5);
        return x + y;
    }

    @Test
    void workloadSurvivesAWorkerKilledEveryTenSeconds() throws Exception {
        int headPort = TestNodes.freePort();
        Map<String, NodeProcess> workers = new ConcurrentHashMap<>();
        List<Path> stores = new ArrayList<>();
        Path shm = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        AtomicInteger started = new AtomicInteger();
        NodeProcess head = TestNodes.start("chaos-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
        AtomicBoolean chaosOn = new AtomicBoolean(true);
        AtomicInteger kills = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Exception> chaosFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread chaos = null;
        try {
            java.util.concurrent.Callable<Void> startWorker = () -> {
                int n = started.incrementAndGet();
                Path store = shm.resolve("rayo-chaos-w" + n + "-" + headPort);
                stores.add(store);
                NodeProcess w = TestNodes.start("chaos-worker" + n, "--address", "127.0.0.1:" + headPort,
                        "--num-cpus", "2", "--object-store-dir", store.toString());
                workers.put(w.address(), w);
                return null;
            };
            for (int i = 0; i < 3; i++) {
                startWorker.call();
            }
            Rayo.init(RayoConfig.builder().address("127.0.0.1:" + headPort).build());
            Random random = new Random(7);
            chaos = new Thread(() -> {
                long t0 = System.nanoTime();
                try {
                    for (int k = 1; chaosOn.get() && k <= KILLS; k++) {
                        // Kills on a fixed 10 s beat, whatever the time a replacement takes to start.
                        long sleep = t0 + k * KILL_EVERY.toNanos() - System.nanoTime();
                        if (sleep > 0) {
                            Thread.sleep(sleep / 1_000_000);
                        }
                        List<String> alive = new ArrayList<>(workers.keySet());
                        NodeProcess victim = workers.remove(alive.get(random.nextInt(alive.size())));
                        victim.close();
                        kills.incrementAndGet();
                        startWorker.call();
                    }
                } catch (Exception e) {
                    chaosFailure.set(e);
                }
            }, "chaos");
            chaos.start();

            int rounds = 0;
            int tasksChecked = 0;
            int callsOk = 0;
            int callsFailed = 0;
            long deadline = System.nanoTime() + CHAOS.toNanos();
            // The workload runs for the whole chaos, however long the replacements take to start on a slow machine.
            while (System.nanoTime() < deadline || chaos.isAlive()) {
                rounds++;
                List<ObjectRef<Long>> sums = new ArrayList<>();
                for (int chain = 0; chain < 20; chain++) {
                    ObjectRef<Long> acc = Rayo.put((long) chain);
                    for (int i = 1; i <= 5; i++) {
                        acc = Rayo.task(ChaosTest::addTo, acc, (long) i).remote();
                    }
                    sums.add(acc);
                }
                ActorHandle<ClusterFns.Tally> tally = Rayo.actor(ClusterFns.Tally::new).setMaxRestarts(10).remote();
                int expected = 0;
                for (int i = 0; i < 10; i++) {
                    try {
                        int total = Rayo.get(tally.task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(90));
                        // After a restart the tally starts again from zero: each answer is 1 more than the last
                        // acknowledged one since the last restart.
                        assertTrue(total == expected + 1 || total == 1, "tally answered " + total + " after " + expected);
                        expected = total;
                        callsOk++;
                    } catch (RayoActorException died) {
                        callsFailed++;
                    }
                }
                List<Long> values = Rayo.get(sums, Duration.ofSeconds(120));
                for (int chain = 0; chain < 20; chain++) {
                    assertEquals(chain + 15L, values.get(chain), "round " + rounds + " chain " + chain);
                }
                tasksChecked += 100;
            }
            chaos.join(120_000);
            if (chaosFailure.get() != null) {
                throw chaosFailure.get();
            }
            System.out.printf("chaos: %d kill(s); %d rounds; %d task results all right; %d actor calls ok, %d failed "
                    + "with RayoActorException, 0 wrong%n", kills.get(), rounds, tasksChecked, callsOk, callsFailed);
            assertEquals(KILLS, kills.get(), "workers the chaos thread killed");
        } finally {
            chaosOn.set(false);
            Rayo.shutdown();
            if (chaos != null) {
                chaos.join(120_000);
            }
            workers.values().forEach(NodeProcess::close);
            head.close();
            for (Path dir : stores) {
                TestTrees.deleteTree(dir);
            }
        }
    }
}
