package dev.rayo.it;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker that hangs instead of dying ({@code kill -STOP}: its process lives, its sockets stay open, it
 * answers nothing) while a DAG runs: the failure detector finds it unreachable (acceptable-heartbeat-pause
 * 3 s in rayo-node.conf), the split brain resolver downs it (keep-majority, stable-after 5 s: head, the other
 * worker and the driver are the majority), and the DAG completes on the other worker with every result right,
 * its lost tasks run again and its lost objects made again from their lineage. Woken up ({@code kill -CONT}),
 * the worker finds itself downed and its process ends with a one-line reason instead of lingering.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class StoppedWorkerTest {
    /** 40,000 doubles (320 KB): every link of a chain lives in the store of the worker that made it. */
    private static final int SIZE = 40_000;

    public static double[] seed(int chain) {
        double[] d = new double[SIZE];
        d[0] = chain;
        return d;
    }

    public static double[] step(double[] in, int millis) throws InterruptedException {
        Thread.sleep(millis);
        double[] out = in.clone();
        out[0] += 1;
        return out;
    }

    /** Joins two chains: the sum of their heads, so a result depends on both of them. */
    public static double join(double[] a, double[] b) {
        return a[0] + b[0];
    }

    @Test
    void dagCompletesWhenAWorkerIsStoppedMidRun() throws Exception {
        int headPort = TestNodes.freePort();
        Path shm = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        List<Path> stores = List.of(shm.resolve("rayo-stop-w1-" + headPort), shm.resolve("rayo-stop-w2-" + headPort));
        NodeProcess head = null;
        NodeProcess w1 = null;
        NodeProcess w2 = null;
        boolean stopped = false;
        try {
            head = TestNodes.start("stop-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
            w1 = worker("stop-worker1", headPort, stores.get(0));
            w2 = worker("stop-worker2", headPort, stores.get(1));
            Rayo.init(RayoConfig.builder().address("127.0.0.1:" + headPort).build());
            AkkaRayoRuntime driver = (AkkaRayoRuntime) Rayo.runtime();
            long reexecutedBefore = driver.reexecutedTasks();

            int chains = 24;
            int links = 8;
            List<ObjectRef<double[]>> ends = new ArrayList<>();
            for (int c = 0; c < chains; c++) {
                ObjectRef<double[]> link = Rayo.task(StoppedWorkerTest::seed, c).setResource("Worker", 1).remote();
                for (int i = 0; i < links; i++) {
                    link = Rayo.task(StoppedWorkerTest::step, link, 150).setResource("Worker", 1).remote();
                }
                ends.add(link);
            }
            List<ObjectRef<Double>> joined = new ArrayList<>();
            for (int c = 0; c < chains; c++) {
                joined.add(Rayo.task(StoppedWorkerTest::join, ends.get(c), ends.get((c + 1) % chains))
                        .setResource("Worker", 1).remote());
            }
            Thread.sleep(3000);
            String victim = w1.address();
            signal("STOP", w1.pid());
            stopped = true;
            long stoppedAt = System.nanoTime();
            Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(20))
                    .describedAs("the stopped worker was found unreachable").until(() -> isUnreachable(driver, victim));
            Eventually.within(Duration.ofSeconds(90)).every(Duration.ofMillis(50))
                    .describedAs("the stopped worker was downed and removed").until(() -> !isMember(driver, victim));
            System.out.printf("stopped worker removed from the cluster after %.1f s%n", (System.nanoTime() - stoppedAt) / 1e9);
            assertTrue(w1.pid() > 0 && ProcessHandle.of(w1.pid()).map(ProcessHandle::isAlive).orElse(false),
                    "the stopped worker hangs, it did not die");

            List<Double> values = Rayo.get(joined, Duration.ofSeconds(180));
            for (int c = 0; c < chains; c++) {
                assertEquals(c + links + (c + 1) % chains + links, values.get(c), 0.0, "join " + c);
            }
            long reexecuted = driver.reexecutedTasks() - reexecutedBefore;
            System.out.println("DAG of " + (chains * (links + 2)) + " tasks: " + reexecuted
                    + " task(s) re-executed after the stop");
            assertTrue(reexecuted > 0, "the stopped worker held work that had to run again");
            // Woken up, the stopped worker finds itself downed: its process ends, saying so in one line.
            signal("CONT", w1.pid());
            stopped = false;
            ProcessHandle woken = ProcessHandle.of(w1.pid()).orElse(null);
            assertTrue(woken == null || waitForExit(woken), "the downed worker's process ended by itself");
            String downed = Files.readAllLines(w1.log()).stream().filter(l -> l.startsWith("rayo start: ")).findFirst().orElse("");
            assertTrue(downed.contains("downed"), "its log says why: " + downed);
            assertEquals(7.0, Rayo.get(Rayo.task(StoppedWorkerTest::join, Rayo.put(seed(3)), Rayo.put(seed(4)))
                    .setResource("Worker", 1).remote(), Duration.ofSeconds(60)), 0.0, "the cluster still serves");
        } finally {
            Rayo.shutdown();
            if (stopped) {
                signal("CONT", w1.pid());
            }
            TestNodes.closeAll(w2, w1, head);
            for (Path dir : stores) {
                TestTrees.deleteTree(dir);
            }
        }
    }

    /** Whether {@code process} exits within 90 s. */
    private static boolean waitForExit(ProcessHandle process) throws InterruptedException {
        try {
            process.onExit().get(90, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private static NodeProcess worker(String name, int headPort, Path store) throws IOException {
        return TestNodes.start(name, "--address", "127.0.0.1:" + headPort, "--num-cpus", "2",
                "--resources", "{\"Worker\": 2}", "--object-store-dir", store.toString());
    }

    /** Sends {@code SIGname} to process {@code pid} with kill(1). */
    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
    }

    private static boolean isMember(AkkaRayoRuntime driver, String address) {
        return contains(akka.cluster.typed.Cluster.get(driver.system()).state().getMembers(), address);
    }

    private static boolean isUnreachable(AkkaRayoRuntime driver, String address) {
        return contains(akka.cluster.typed.Cluster.get(driver.system()).state().getUnreachable(), address);
    }

    private static boolean contains(Iterable<akka.cluster.Member> members, String address) {
        for (akka.cluster.Member m : members) {
            if (m.address().toString().equals(address)) {
                return true;
            }
        }
        return false;
    }
}
