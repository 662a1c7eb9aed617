package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resources are logical, as in Ray: what the scheduler admits runs at once, whatever the number of cores.
 * Fractional CPUs add concurrency, and a 0-CPU task never waits for a CPU or a thread.
 */
class LogicalResourcesTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /** Counted down by every fractional task once it runs; each waits for all of them. */
    private static volatile CountDownLatch allRunning;
    private static final AtomicInteger HOLDERS_RUNNING = new AtomicInteger();
    private static volatile CountDownLatch releaseHolders;

    /** Arrives, then waits (bounded) until all twenty are running: true when they were, at the same time. */
    static boolean arriveAndAwaitAll(int sleepMillis) throws InterruptedException {
        allRunning.countDown();
        boolean together = allRunning.await(15, TimeUnit.SECONDS);
        Thread.sleep(sleepMillis);
        return together;
    }

    /** Holds a whole CPU until released. */
    static int holdCpu() throws InterruptedException {
        HOLDERS_RUNNING.incrementAndGet();
        try {
            return releaseHolders.await(60, TimeUnit.SECONDS) ? 1 : 0;
        } finally {
            HOLDERS_RUNNING.decrementAndGet();
        }
    }

    static String light(int i) {
        return "light-" + i + " on " + Thread.currentThread().getName();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twentyTenthOfACpuTasksOnTwoCpusRunAtTheSameTime() {
        allRunning = new CountDownLatch(20);
        List<ObjectRef<Boolean>> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refs.add(Rayo.task(LogicalResourcesTest::arriveAndAwaitAll, 500).setResource("CPU", 0.1).remote());
        }
        List<Boolean> together = Rayo.get(refs, Duration.ofSeconds(50));
        // Each task waits up to 15 s for all twenty to arrive: two at a time, every one of them would say false.
        // (No wall-clock bound: a loaded machine may be slow, but it cannot make the twenty overlap by accident.)
        assertEquals(20, together.stream().filter(b -> b).count(), "all 20 tasks ran at once: " + together);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void zeroCpuTasksRunWhileEveryCpuIsHeld() {
        releaseHolders = new CountDownLatch(1);
        List<ObjectRef<Integer>> holders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            holders.add(Rayo.task(LogicalResourcesTest::holdCpu).remote());
        }
        try {
            Eventually.within(Duration.ofSeconds(10)).describedAs("both CPU holders running")
                    .until(() -> HOLDERS_RUNNING.get() == 2);
            // Two more whole-CPU tasks queue for the CPUs; the 0-CPU tasks pass them.
            for (int i = 0; i < 2; i++) {
                holders.add(Rayo.task(LogicalResourcesTest::holdCpu).remote());
            }
            List<ObjectRef<String>> light = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                light.add(Rayo.task(LogicalResourcesTest::light, i).setResource("CPU", 0).remote());
            }
            List<String> out = Rayo.get(light, Duration.ofSeconds(10));
            assertEquals(8, out.size());
            assertTrue(out.get(3).startsWith("light-3 on rayo-worker-"), out.get(3));
            assertEquals(2, HOLDERS_RUNNING.get(), "the CPU holders were still running");
        } finally {
            releaseHolders.countDown();
        }
        assertEquals(List.of(1, 1, 1, 1), Rayo.get(holders, Duration.ofSeconds(20)));
    }
}
