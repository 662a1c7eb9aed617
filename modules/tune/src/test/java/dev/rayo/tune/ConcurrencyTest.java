package dev.rayo.tune;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With 2 CPUs, trials holding 1 CPU run two at a time and trials holding 0.5 four at a time: measured inside the
 * trainables (the single-node runtime runs the actors in this JVM, so a static counter sees them all) and seen
 * in the progress table's RUNNING count.
 */
class ConcurrencyTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST = new AtomicInteger();

    private static final AtomicInteger ARRIVED = new AtomicInteger();
    private static volatile int expected;

    /**
     * Counts itself while it runs a few slow iterations. The first {@code expected} trials wait (at most 30 s) until
     * that many run, so a slow machine starting them late cannot hide the overlap; with a lower cap the wait runs
     * out and the count shows it, with a higher one the later trials push it above.
     */
    public static void overlapping(TrialConfig config, Reporter reporter) throws Exception {
        MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        try {
            if (ARRIVED.incrementAndGet() <= expected) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (RUNNING.get() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
            for (int i = 0; i < 8; i++) {
                Thread.sleep(60);
                reporter.report(Map.of("running", RUNNING.get()));
            }
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    private static int mostAtOnce(double cpuPerTrial, int expectedAtOnce, List<String> tables) {
        MOST.set(0);
        ARRIVED.set(0);
        expected = expectedAtOnce;
        ResultGrid grid = Tuner.builder(ConcurrencyTest::overlapping)
                .paramSpace(ParamSpace.builder().grid("i", 1, 2, 3, 4, 5, 6, 7, 8).build())
                .resourcesPerTrial(Map.of("CPU", cpuPerTrial))
                .progressInterval(Duration.ofMillis(100))
                .progressSink(tables::add)
                .build().fit();
        grid.results().forEach(r -> assertEquals(TrialStatus.TERMINATED, r.status(), r.toString()));
        return MOST.get();
    }

    @Test
    void oneCpuPerTrialRunsTwoAtOnce() {
        List<String> tables = new CopyOnWriteArrayList<>();
        assertEquals(2, mostAtOnce(1.0, 2, tables));
        assertTrue(tables.stream().anyMatch(t -> t.contains("2 RUNNING")), String.join("\n", tables));
        assertTrue(tables.stream().noneMatch(t -> t.contains("3 RUNNING") || t.contains("4 RUNNING")));
        System.out.println(tables.get(tables.size() / 2));
    }

    @Test
    void halfACpuPerTrialRunsFourAtOnce() {
        List<String> tables = new CopyOnWriteArrayList<>();
        assertEquals(4, mostAtOnce(0.5, 4, tables));
        assertTrue(tables.stream().anyMatch(t -> t.contains("4 RUNNING")), String.join("\n", tables));
        assertTrue(tables.stream().noneMatch(t -> t.contains("5 RUNNING")));
    }
}
