package dev.rayo.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PPO solves CartPole-v1 with its default config on env-runner actors, and a seed fixes its learning curve. */
class PPOTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void defaultConfigSolvesCartPole() {
        try (Algorithm algo = PPO.config().env(CartPole::new).seed(7).build()) {
            // Bounded budget: 25 iterations of 4000 steps; seeds 1-8 solve it within 10 locally.
            List<String> curve = LearningRun.untilEvaluationReaches(algo, 475, 25);
            double score = algo.evaluate(100);
            System.out.println("PPO solved CartPole: evaluate(100) = " + score + " after " + algo.iteration()
                    + " iterations, " + algo.timestepsTotal() + " timesteps");
            assertTrue(score >= 475, "evaluate(100) = " + score + " after " + curve);
        }
    }

    @Test
    void sameSeedWithoutRunnersGivesTheSameCurve() {
        List<String> first = curve(11, 0);
        assertEquals(first, curve(11, 0));
        assertNotEquals(first, curve(12, 0));
    }

    @Test
    void oneRemoteRunnerLearnsWhatSamplingInTheDriverDoes() {
        // Runner 0 gets the driver-local runner's seed, so moving sampling into an actor changes nothing.
        assertEquals(curve(11, 0), curve(11, 1));
    }

    /** Everything an iteration reports but its wall-clock time, in exact doubles. */
    private static List<String> curve(long seed, int runners) {
        try (Algorithm algo = PPO.config().env(CartPole::new).numEnvRunners(runners).seed(seed)
                .trainBatchSize(1000).numEpochs(3).build()) {
            for (int i = 0; i < 3; i++) {
                algo.train();
            }
            List<String> rows = algo.history().stream()
                    .map(r -> r.iteration() + " " + Double.doubleToLongBits(r.episodeReturnMean()) + " "
                            + r.episodesThisIter() + " " + r.timestepsTotal() + " " + r.metrics())
                    .collect(Collectors.toList());
            rows.add("eval " + algo.evaluate(5));
            return rows;
        }
    }
}
