package dev.rayo.rl.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.api.RayoConfig;
import dev.rayo.rl.EnvCreator;
import dev.rayo.testing.RayoRuntimeExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The group runs tasks on runner actors, replaces dead runners, and rejects broken envs up front. */
class EnvRunnerGroupTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /** Samples {@code n} steps of action 1 and reports the observations' seed-derived values. */
    static List<Double> sample(RunnerState s, int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.observation()[1] + s.random().nextInt(1000));
            s.step(1);
        }
        return out;
    }

    @Test
    void runsOnEveryRunnerAndKeepsStateBetweenCalls() {
        EnvCreator creator = () -> new TestEnvs.Counter(4);
        try (EnvRunnerGroup group = new EnvRunnerGroup(creator, 2, Map.of("CPU", 0.5), 9)) {
            assertEquals(2, group.size());
            assertEquals(new EnvSpec(2, 2), group.spec());
            assertEquals(List.of(0, 1), group.runOnAll(RunnerState::index));
            List<Long> steps = group.runOnAll(s -> {
                sample(s, 5);
                return s.timesteps();
            });
            assertEquals(List.of(5L, 5L), steps);
            assertEquals(List.of(List.of(4.0), List.of(4.0)), group.runOnAll(RunnerState::drainEpisodeReturns));
            assertEquals(7, (int) group.submit(1, s -> 7).get());
        }
    }

    @Test
    void oneRemoteRunnerSamplesWhatTheLocalRunnerDoes() {
        EnvCreator creator = () -> new TestEnvs.Counter(4);
        List<List<Double>> local;
        try (EnvRunnerGroup group = new EnvRunnerGroup(creator, 0, null, 5)) {
            local = group.runOnAll(s -> sample(s, 10));
        }
        try (EnvRunnerGroup group = new EnvRunnerGroup(creator, 1, Map.of("CPU", 0.5), 5)) {
            assertEquals(local, group.runOnAll(s -> sample(s, 10)));
        }
    }

    @Test
    void aKilledRunnerIsReplacedAndItsShareRunAgain() {
        try (EnvRunnerGroup group = new EnvRunnerGroup(() -> new TestEnvs.Counter(4), 2, Map.of("CPU", 0.5), 3)) {
            group.runOnAll(s -> sample(s, 3));
            group.handle(0).kill();
            List<Integer> indices = group.runOnAll(s -> {
                sample(s, 3);
                return s.index();
            });
            assertEquals(List.of(0, 1), indices);
            assertEquals(1, group.replacements(0));
            assertEquals(0, group.replacements(1));
            // The replacement is a fresh runner: 3 steps, while runner 1 has taken 6.
            assertEquals(List.of(3L, 6L), group.runOnAll(RunnerState::timesteps));
        }
    }

    @Test
    void brokenEnvsAreRejectedWithTheProblemNamed() {
        Object notSerializable = new Object();
        EnvCreator capturing = () -> {
            notSerializable.hashCode();
            return new TestEnvs.Counter(4);
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnvRunnerGroup(capturing, 2, null, 1));
        assertTrue(e.getMessage().contains("not serializable") && e.getMessage().contains("java.lang.Object"),
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> new EnvRunnerGroup(() -> new TestEnvs.Counter(4, 3, 2, 9), 2, null, 1));
        assertTrue(e.getMessage().contains("size 3") && e.getMessage().contains("expected 2"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> new EnvRunnerGroup(() -> new TestEnvs.Counter(4, 2, 3, 2), 2, null, 1));
        assertTrue(e.getMessage().contains("rejected action 2") && e.getMessage().contains("numActions() = 3"),
                e.getMessage());

        // A task tripping the contract on a runner surfaces as IllegalArgumentException too.
        try (EnvRunnerGroup group = new EnvRunnerGroup(() -> new TestEnvs.Counter(4), 1, Map.of("CPU", 0.5), 1)) {
            e = assertThrows(IllegalArgumentException.class, () -> group.runOnAll(s -> s.step(5)));
            assertTrue(e.getMessage().contains("action 5"), e.getMessage());
            assertEquals(List.of(0), group.runOnAll(RunnerState::index)); // still serves
        }
    }
}
