package dev.rayo.tune;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An experiment whose driver JVM (a real process) is killed half-way finishes with {@link Tuner#restore}: trials
 * that had ended are not run again, unfinished ones continue from their last checkpoint.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ResumeTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @TempDir
    Path tmp;

    @Test
    void aKilledDriversExperimentFinishesWithRestore() throws Exception {
        Path storage = tmp.resolve("storage");
        Path counters = Files.createDirectories(tmp.resolve("counters"));
        Path experiment = storage.resolve("resume");
        Path childLog = Path.of("target", "resume-driver.log").toAbsolutePath();
        Files.createDirectories(childLog.getParent());
        Process driver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ResumeDriver.class.getName(),
                storage.toString(), counters.toString())
                .redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
        Map<String, ExperimentStore.TrialRecord> before;
        try {
            before = Eventually.within(Duration.ofSeconds(120)).every(Duration.ofMillis(100))
                    .describedAs("two trials ended and one stored a checkpoint unfinished (log " + childLog + ")")
                    .until(() -> stored(experiment), m -> m.values().stream().filter(r -> r.status() != null)
                            .count() >= 2
                            && m.values().stream().anyMatch(r -> r.status() == null && r.hasCheckpoint()));
        } finally {
            driver.descendants().forEach(ProcessHandle::destroyForcibly);
            driver.destroyForcibly();
            driver.waitFor(30, TimeUnit.SECONDS);
        }
        before = stored(experiment);
        Map<String, List<String>> logsBefore = logs(counters);
        List<String> endedBefore = new ArrayList<>();
        before.forEach((id, r) -> {
            if (r.status() != null) {
                endedBefore.add(id);
            }
        });
        System.out.println("killed the driver with " + endedBefore.size() + " of 6 trials ended; stored: "
                + before.keySet());

        ResultGrid grid = Tuner.restore(experiment, ResumeDriver::counting).fit();
        Map<String, List<String>> logsAfter = logs(counters);

        assertEquals(6, grid.size());
        int resumedFromCheckpoint = 0;
        for (Result r : grid.results()) {
            assertEquals(TrialStatus.TERMINATED, r.status(), r.toString());
            assertEquals(ResumeDriver.ITERATIONS, r.iterations(), r.toString());
            // The history is one continuous run: step = training_iteration, 1..12, whatever was lost in the kill.
            for (int i = 0; i < r.metricsHistory().size(); i++) {
                Map<String, Object> m = r.metricsHistory().get(i);
                assertEquals(i + 1, m.get("training_iteration"), r.toString());
                assertEquals(i + 1, m.get("step"), r.toString());
            }
            List<String> after = logsAfter.getOrDefault(r.trialId(), List.of());
            List<String> earlier = logsBefore.getOrDefault(r.trialId(), List.of());
            if (endedBefore.contains(r.trialId())) {
                assertEquals(earlier, after, "an ended trial ran again: " + r);
                continue;
            }
            ExperimentStore.TrialRecord stored = before.get(r.trialId());
            List<String> added = after.subList(earlier.size(), after.size());
            int expectedStart = stored == null || !stored.hasCheckpoint() ? 0 : stored.checkpointIteration();
            assertEquals("start " + expectedStart, added.get(0), r + " resumed from the wrong step: " + added);
            assertEquals("step " + (expectedStart + 1), added.get(1));
            assertEquals("step " + ResumeDriver.ITERATIONS, added.get(added.size() - 1));
            if (expectedStart > 0) {
                resumedFromCheckpoint++;
            }
        }
        assertTrue(resumedFromCheckpoint >= 1, "no trial was running with a checkpoint when the driver died");
        System.out.println("restore: " + endedBefore.size() + " trials kept, " + resumedFromCheckpoint
                + " resumed from a checkpoint, " + (6 - endedBefore.size() - resumedFromCheckpoint) + " started");
    }

    private static Map<String, ExperimentStore.TrialRecord> stored(Path experiment) {
        Map<String, ExperimentStore.TrialRecord> out = new HashMap<>();
        if (!Files.isRegularFile(experiment.resolve(ExperimentStore.EXPERIMENT_FILE))) {
            return out;
        }
        ExperimentStore store = new ExperimentStore(experiment);
        for (String id : store.loadExperiment().trialIds()) {
            store.loadRecord(id).ifPresent(r -> out.put(id, r));
        }
        return out;
    }

    private static Map<String, List<String>> logs(Path counters) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        File[] files = counters.toFile().listFiles();
        for (File f : files == null ? new File[0] : files) {
            out.put(f.getName().replace(".log", ""), Files.readAllLines(f.toPath()));
        }
        return out;
    }
}
