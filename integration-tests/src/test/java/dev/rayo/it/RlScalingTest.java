package dev.rayo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.rl.CartPole;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.EnvRunnerGroup;
import dev.rayo.rl.runner.PolicySampler;
import dev.rayo.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rollout scaling figures for the README (not a pass/fail test: wall-clock speed is never asserted): sampled
 * CartPole timesteps per second with a 64x64 tanh policy, with 1 and 2 env runners on an in-process node of 2
 * CPUs, and with 1, 2 and 4 runners on a 3-process cluster (head and two workers, 2 CPUs each). Off by default;
 * run with {@code -Drayo.rl.scaling=true}.
 */
@EnabledIfSystemProperty(named = "rayo.rl.scaling", matches = "true")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class RlScalingTest {
    private static final int STEPS_PER_CALL = 20_000;
    private static final int ROUNDS = 5;

    @Test
    void sampledTimestepsPerSecond() throws Exception {
        List<String> table = new ArrayList<>();
        Rayo.init(RayoConfig.builder().numCpus(2).build());
        try {
            for (int n : new int[] {1, 2}) {
                row(table, "in-process node, 2 CPUs | " + n + " | " + Math.round(measure(n)));
            }
        } finally {
            Rayo.shutdown();
        }
        int headPort = TestNodes.freePort();
        String seed = "127.0.0.1:" + headPort;
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            nodes.add(start("scale-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "2"));
            nodes.add(start("scale-w1", "--address", seed, "--num-cpus", "2"));
            nodes.add(start("scale-w2", "--address", seed, "--num-cpus", "2"));
            Rayo.init(RayoConfig.builder().address(seed).build());
            Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50)).describedAs("6 CPUs")
                    .until(() -> Rayo.getRuntimeContext().clusterResources().getOrDefault("CPU", 0.0) >= 6);
            for (int n : new int[] {1, 2, 4}) {
                long t0 = System.nanoTime();
                // Closed groups' CPUs come back asynchronously; wait for them so runners are not left unplaced.
                Eventually.within(Duration.ofSeconds(120)).every(Duration.ofMillis(200)).describedAs("6 CPUs free")
                        .until(() -> Rayo.getRuntimeContext().availableResources().getOrDefault("CPU", 0.0) >= 6);
                System.out.println("RL_SCALING 6 CPUs free after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                row(table, "3-process cluster, 3x2 CPUs | " + n + " | " + Math.round(measure(n)));
            }
        } finally {
            Rayo.shutdown();
            nodes.forEach(NodeProcess::close);
        }
        System.out.println("RL_SCALING setup | env runners | sampled timesteps/s");
        table.forEach(row -> System.out.println("RL_SCALING " + row));
    }

    private static void row(List<String> table, String row) {
        System.out.println("RL_SCALING " + row);
        table.add(row);
    }

    /** Timesteps per second of {@code runners} runners each sampling {@link #STEPS_PER_CALL} steps per round. */
    private static double measure(int runners) {
        Mlp policy = new Mlp(4, new int[] {64, 64}, 2);
        double[] params = policy.init(1, 0.01);
        try (EnvRunnerGroup group = new EnvRunnerGroup(CartPole::new, runners, Map.of("CPU", 1.0), 1)) {
            // Warm-up: actors placed, code shipped, JIT compiled.
            group.runOnAll(s -> PolicySampler.sample(s, policy, params, null, null, STEPS_PER_CALL, true).size());
            long start = System.nanoTime();
            long steps = 0;
            for (int r = 0; r < ROUNDS; r++) {
                for (int k : group.runOnAll(s -> PolicySampler.sample(s, policy, params, null, null, STEPS_PER_CALL,
                        true).size())) {
                    steps += k;
                }
            }
            assertEquals((long) ROUNDS * runners * STEPS_PER_CALL, steps);
            return steps / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** A node at full JIT (the suite's nodes stop at C1 to save CPU, which would skew the figures). */
    private static NodeProcess start(String name, String... args) throws Exception {
        List<String> flags = new ArrayList<>(NodeProcess.encapsulationFlags());
        flags.add("-Dlogback.configurationFile=" + TestNodes.CLI_LOGBACK);
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        return NodeProcess.start(name, flags, System.getProperty("java.class.path"), logs.resolve(name + ".log"),
                List.of(args));
    }
}
