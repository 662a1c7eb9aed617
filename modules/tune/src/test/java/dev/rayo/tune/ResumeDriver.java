package dev.rayo.tune;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The driver program {@link ResumeTest} runs as a real process and kills half-way: six trials of
 * {@link #counting}, two at a time, stored under {@code args[0]/resume}.
 */
public final class ResumeDriver {
    static final int ITERATIONS = 12;

    private ResumeDriver() {
    }

    /** {@code ResumeDriver STORAGE_DIR COUNTERS_DIR}. */
    public static void main(String[] args) {
        Rayo.init(RayoConfig.builder().numCpus(2).build());
        try {
            tuner(Path.of(args[0]), Path.of(args[1])).fit();
        } finally {
            Rayo.shutdown();
        }
    }

    static Tuner tuner(Path storage, Path counters) {
        return Tuner.builder(ResumeDriver::counting)
                .paramSpace(ParamSpace.builder().grid("x", 1, 2, 3, 4, 5, 6)
                        .constant("counters", counters.toString()).build())
                .metric("step", Mode.MAX)
                .stop(Stop.iterations(ITERATIONS))
                .storagePath(storage).name("resume")
                .build();
    }

    /**
     * Counts steps from its checkpoint, logging each start and each step it really executes to
     * {@code COUNTERS_DIR/<trial>.log}, so the test can tell a resumed trial from a re-run one.
     */
    public static void counting(TrialConfig config, Reporter reporter) throws Exception {
        Path log = Path.of(config.getString("counters")).resolve(reporter.trialId() + ".log");
        int step = reporter.<Integer>checkpoint().orElse(0);
        append(log, "start " + step);
        while (true) {
            Thread.sleep(120);
            step++;
            append(log, "step " + step);
            reporter.report(Map.of("step", step), step);
        }
    }

    private static void append(Path log, String line) throws Exception {
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
