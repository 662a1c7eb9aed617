package dev.rayo.it;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.testing.Eventually;
import dev.rayo.tune.Mode;
import dev.rayo.tune.ParamSpace;
import dev.rayo.tune.Reporter;
import dev.rayo.tune.Result;
import dev.rayo.tune.ResultGrid;
import dev.rayo.tune.Stop;
import dev.rayo.tune.TrialConfig;
import dev.rayo.tune.TrialStatus;
import dev.rayo.tune.Tuner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Tune trial whose worker node is killed (SIGKILL, a real process) restarts from its last checkpoint on
 * another node while {@code maxFailures} allows. The trial asks for a custom resource only the doomed node has,
 * then only its replacement.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class TuneNodeFailureTest {
    private static final int ITERATIONS = 40;
    private static NodeProcess head;
    private static NodeProcess doomed;
    private static NodeProcess replacement;
    private static String seed;

    @BeforeAll
    static void startCluster() throws Exception {
        int headPort = TestNodes.freePort();
        seed = "127.0.0.1:" + headPort;
        head = TestNodes.start("tune-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
        doomed = TestNodes.start("tune-doomed", "--address", seed, "--num-cpus", "1", "--resources",
                "{\"TunePin\": 1}");
        Rayo.init(RayoConfig.builder().address(seed).build());
    }

    @AfterAll
    static void stopCluster() {
        try {
            Rayo.shutdown();
        } finally {
            TestNodes.closeAll(replacement, doomed, head);
        }
    }

    /** Counts steps from its checkpoint; logs each start with the node process it runs in, and each step. */
    public static void counting(TrialConfig config, Reporter reporter) throws Exception {
        Path log = Path.of(config.getString("log"));
        int step = reporter.<Integer>checkpoint().orElse(0);
        // The process id tells the nodes apart (each node is its own process).
        append(log, "start " + step + " " + ProcessHandle.current().pid());
        while (true) {
            Thread.sleep(150);
            step++;
            append(log, "step " + step);
            reporter.report(Map.of("step", step), step);
        }
    }

    private static void append(Path log, String line) throws Exception {
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void aTrialOnAKilledNodeRestartsFromItsCheckpoint() throws Exception {
        Path log = Files.createTempFile("tune-node-failure", ".log");
        try {
            Tuner tuner = Tuner.builder(TuneNodeFailureTest::counting)
                    .paramSpace(ParamSpace.builder().constant("log", log.toString()).build())
                    .metric("step", Mode.MAX)
                    .stop(Stop.iterations(ITERATIONS))
                    .resourcesPerTrial(Map.of("CPU", 1.0, "TunePin", 1.0))
                    .maxFailures(1)
                    .build();
            CompletableFuture<ResultGrid> fit = CompletableFuture.supplyAsync(tuner::fit);
            Eventually.within(Duration.ofSeconds(90)).every(Duration.ofMillis(50))
                    .describedAs("the trial made 6 steps on the doomed node")
                    .until(() -> lines(log).contains("step 6"));
            doomed.close();
            doomed = null;
            replacement = TestNodes.start("tune-replacement", "--address", seed, "--num-cpus", "1", "--resources",
                    "{\"TunePin\": 1}");

            ResultGrid grid = fit.get(180, TimeUnit.SECONDS);
            Result r = grid.get(0);
            assertEquals(TrialStatus.TERMINATED, r.status(), r + " " + r.error().map(Throwable::toString).orElse(""));
            assertEquals(ITERATIONS, r.iterations());
            for (int i = 0; i < r.metricsHistory().size(); i++) {
                assertEquals(i + 1, r.metricsHistory().get(i).get("step"), "the history is one continuous run");
            }
            List<String> starts = lines(log).stream().filter(l -> l.startsWith("start ")).toList();
            System.out.println("trial starts: " + starts);
            assertEquals(2, starts.size(), starts.toString());
            String[] first = starts.get(0).split(" ");
            String[] second = starts.get(1).split(" ");
            assertEquals("0", first[1]);
            int resumedAt = Integer.parseInt(second[1]);
            assertTrue(resumedAt >= 5, "resumed from step " + resumedAt + ", not from its checkpoint");
            assertNotEquals(first[2], second[2], "the restart ran on another node");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
