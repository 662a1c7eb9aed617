package dev.rayo.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved algorithm comes back from its directory alone, with its weights, counters and config. */
class SaveRestoreTest {
    @TempDir
    Path dir;

    @Test
    void ppoRoundTrips() {
        double score;
        int[] actions = new int[50];
        SplittableRandom random = new SplittableRandom(1);
        double[][] observations = new double[50][];
        for (int i = 0; i < observations.length; i++) {
            observations[i] = new double[] {random.nextDouble() - 0.5, random.nextDouble() - 0.5,
                random.nextDouble() * 0.4 - 0.2, random.nextDouble() - 0.5};
        }
        try (Algorithm algo = PPO.config().env(CartPole::new).numEnvRunners(0).seed(3).trainBatchSize(1000)
                .clipParam(0.25).build()) {
            algo.train();
            algo.train();
            score = algo.evaluate(5);
            for (int i = 0; i < actions.length; i++) {
                actions[i] = algo.computeAction(observations[i]);
            }
            algo.save(dir.resolve("ckpt"));
        }
        try (Algorithm back = Algorithms.restore(dir.resolve("ckpt"), CartPole::new)) {
            assertInstanceOf(PPO.class, back);
            assertEquals(2, back.iteration());
            assertEquals(2000, back.timestepsTotal());
            assertEquals(0.25, ((PPOConfig) back.algorithmConfig()).clipParam());
            assertEquals(score, back.evaluate(5));
            for (int i = 0; i < actions.length; i++) {
                assertEquals(actions[i], back.computeAction(observations[i]));
            }
            assertEquals(3, back.train().iteration());
        }
    }

    @Test
    void theConfigHandedOutIsACopy() {
        try (Algorithm algo = PPO.config().env(CartPole::new).numEnvRunners(0).clipParam(0.25).build()) {
            ((PPOConfig) algo.algorithmConfig()).clipParam(0.05);
            assertEquals(0.25, ((PPOConfig) algo.algorithmConfig()).clipParam());
        }
    }

    @Test
    void missingCheckpointIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.restore(dir, CartPole::new));
        assertTrue(e.getMessage().contains("checkpoint.ser"), e.getMessage());
    }
}
