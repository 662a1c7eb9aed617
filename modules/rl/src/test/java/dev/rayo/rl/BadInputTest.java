package dev.rayo.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broken envs and inputs fail with an {@link IllegalArgumentException} naming the problem, and the runtime serves
 * the next algorithm afterwards.
 */
class BadInputTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /** CartPole that misbehaves: after {@code badAfter} steps its observations have 3 numbers; or it rejects 1. */
    static final class BrokenCartPole implements Env {
        private final CartPole inner = new CartPole();
        private final int badAfter;
        private final int numActions;
        private int steps;

        BrokenCartPole(int badAfter, int numActions) {
            this.badAfter = badAfter;
            this.numActions = numActions;
        }

        @Override
        public int observationSize() {
            return 4;
        }

        @Override
        public int numActions() {
            return numActions;
        }

        @Override
        public double[] reset(long seed) {
            return trim(inner.reset(seed));
        }

        @Override
        public StepResult step(int action) {
            StepResult r = inner.step(action); // CartPole rejects action 2
            return new StepResult(trim(r.observation()), r.reward(), r.terminated(), r.truncated());
        }

        private double[] trim(double[] obs) {
            return steps++ >= badAfter ? java.util.Arrays.copyOf(obs, 3) : obs;
        }
    }

    /** The build's error; an algorithm built by mistake is stopped, so its runners cannot starve later tests. */
    private static IllegalArgumentException buildFails(PPOConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> config.build().stop());
    }

    @AfterEach
    void runtimeStillServes() {
        try (Algorithm algo = PPO.config().env(CartPole::new).numEnvRunners(1)
                .envRunnerResources(Map.of("CPU", 0.5)).trainBatchSize(200).minibatchSize(50).numEpochs(1).build()) {
            assertEquals(200, algo.train().timestepsTotal());
        }
    }

    @Test
    void wrongObservationSizeIsNamedAtBuild() {
        IllegalArgumentException e = buildFails(PPO.config().env(() -> new BrokenCartPole(0, 2)));
        assertTrue(e.getMessage().contains("size 3") && e.getMessage().contains("expected 4"), e.getMessage());
    }

    @Test
    void wrongObservationSizeMidRolloutIsNamedByTrain() {
        // Passes the build-time check (its first observations are right), then breaks on a runner.
        try (Algorithm algo = PPO.config().env(() -> new BrokenCartPole(30, 2)).numEnvRunners(1)
                .envRunnerResources(Map.of("CPU", 0.5)).trainBatchSize(200).minibatchSize(50).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, algo::train);
            assertTrue(e.getMessage().contains("size 3") && e.getMessage().contains("expected 4"), e.getMessage());
        }
    }

    @Test
    void actionCountTheEnvDoesNotAcceptIsNamed() {
        IllegalArgumentException e = buildFails(PPO.config().env(() -> new BrokenCartPole(Integer.MAX_VALUE, 3)));
        assertTrue(e.getMessage().contains("rejected action 2") && e.getMessage().contains("numActions() = 3"),
                e.getMessage());
    }

    @Test
    void nonSerializableCreatorIsNamed() {
        Thread notSerializable = Thread.currentThread();
        EnvCreator creator = () -> {
            notSerializable.getName();
            return new CartPole();
        };
        IllegalArgumentException e = buildFails(PPO.config().env(creator));
        assertTrue(e.getMessage().contains("not serializable") && e.getMessage().contains("java.lang.Thread"),
                e.getMessage());
    }

    @Test
    void wrongObservationForComputeActionIsNamed() {
        try (Algorithm algo = PPO.config().env(CartPole::new).numEnvRunners(0).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> algo.computeAction(new double[5]));
            assertTrue(e.getMessage().contains("size 5") && e.getMessage().contains("expected 4"), e.getMessage());
        }
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PPO.config().clipParam(-1));
        assertTrue(e.getMessage().contains("clipParam"), e.getMessage());
        e = buildFails(PPO.config());
        assertTrue(e.getMessage().contains("no env"), e.getMessage());
    }
}
