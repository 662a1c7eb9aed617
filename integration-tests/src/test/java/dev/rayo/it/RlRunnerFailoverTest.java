package dev.rayo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.rl.Algorithm;
import dev.rayo.rl.CartPole;
import dev.rayo.rl.Env;
import dev.rayo.rl.IterationResult;
import dev.rayo.rl.PPO;
import dev.rayo.rl.StepResult;
import dev.rayo.testing.Eventually;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RL on real node processes: the node of an env runner is killed (SIGKILL) in the middle of a PPO iteration; the
 * runner is replaced on another node, its share of the batch is sampled again there, and training goes on.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class RlRunnerFailoverTest {
    /** CartPole that takes 2 ms a step, so an iteration lasts long enough to be interrupted. */
    public static final class SlowCartPole implements Env {
        private final CartPole inner = new CartPole();

        @Override
        public int observationSize() {
            return inner.observationSize();
        }

        @Override
        public int numActions() {
            return inner.numActions();
        }

        @Override
        public double[] reset(long seed) {
            return inner.reset(seed);
        }

        @Override
        public StepResult step(int action) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.step(action);
        }
    }

    @Test
    void aRunnerWhoseNodeDiesIsReplacedAndTrainingGoesOn() throws Exception {
        int headPort = TestNodes.freePort();
        String seed = "127.0.0.1:" + headPort;
        NodeProcess head = null;
        NodeProcess w1 = null;
        NodeProcess w2 = null;
        ExecutorService trainer = Executors.newSingleThreadExecutor();
        try {
            head = TestNodes.start("rl-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
            // Runners ask for "Runner", which only the workers have: one runner per worker at most.
            w1 = TestNodes.start("rl-w1", "--address", seed, "--num-cpus", "1", "--resources", "{\"Runner\": 1}");
            w2 = TestNodes.start("rl-w2", "--address", seed, "--num-cpus", "1", "--resources", "{\"Runner\": 1}");
            Rayo.init(RayoConfig.builder().address(seed).build());
            awaitRunnerSlots(2);
            try (Algorithm algo = PPO.config().env(SlowCartPole::new).numEnvRunners(1)
                    .envRunnerResources(Map.of("CPU", 1.0, "Runner", 1.0)).seed(5)
                    .trainBatchSize(1500).minibatchSize(100).numEpochs(2).build()) {
                assertEquals(1500, algo.train().timestepsTotal());
                String before = algo.envRunnerGroup().runOnAll(s -> Rayo.getRuntimeContext().nodeId()).get(0);
                NodeProcess victim = before.equals(w1.hostPort()) ? w1 : w2;
                assertTrue(before.equals(w1.hostPort()) || before.equals(w2.hostPort()), before);

                Future<IterationResult> iteration = trainer.submit(algo::train);
                Thread.sleep(1000); // 1500 steps of 2 ms: the runner is sampling now
                victim.close();
                IterationResult r = iteration.get(180, TimeUnit.SECONDS);

                assertEquals(2, r.iteration());
                assertEquals(3000, r.timestepsTotal()); // the lost share was sampled again in full
                assertEquals(1, algo.envRunnerGroup().replacements(0));
                String after = algo.envRunnerGroup().runOnAll(s -> Rayo.getRuntimeContext().nodeId()).get(0);
                assertNotEquals(before, after);
                assertEquals(4500, algo.train().timestepsTotal());
            }
        } finally {
            trainer.shutdownNow();
            Rayo.shutdown();
            TestNodes.closeAll(w2, w1, head);
        }
    }

    private static void awaitRunnerSlots(int n) {
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50))
                .describedAs("the driver sees " + n + " nodes offering Runner")
                .until(() -> Rayo.getRuntimeContext().clusterResources().getOrDefault("Runner", 0.0) >= n);
    }
}
