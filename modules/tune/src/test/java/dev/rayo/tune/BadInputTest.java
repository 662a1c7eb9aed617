package dev.rayo.tune;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets a clear typed error naming the problem, and the runtime still runs a search afterwards (checked
 * after every test).
 */
class BadInputTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /** Three quick iterations of {@code score = x}. */
    public static void quick(TrialConfig config, Reporter reporter) {
        for (int i = 0; i < 3; i++) {
            reporter.report(Map.of("score", config.asMap().isEmpty() ? 0 : config.getDouble("x")));
        }
    }

    /** Fails on x = 3, the way a real model fails on a bad learning rate. */
    public static void failsOnThree(TrialConfig config, Reporter reporter) {
        for (int i = 0; i < 3; i++) {
            if (config.getInt("x") == 3 && i == 1) {
                throw new IllegalStateException("diverged with x=3");
            }
            reporter.report(Map.of("score", config.getDouble("x")));
        }
    }

    private static final AtomicInteger CRASHES = new AtomicInteger();

    /** Counts from its checkpoint and crashes at step 4 the first {@code crashes} times. */
    public static void crashesAtFour(TrialConfig config, Reporter reporter) {
        int step = reporter.<Integer>checkpoint().orElse(0);
        int from = step;
        while (step < 6) {
            step++;
            if (step == 4 && CRASHES.getAndIncrement() < config.getInt("crashes")) {
                throw new IllegalStateException("crash at step 4");
            }
            reporter.report(Map.of("step", step, "from", from), step);
        }
    }

    @AfterEach
    void runtimeStillRunsATrial() {
        ResultGrid grid = Tuner.builder(BadInputTest::quick).build().fit();
        assertEquals(1, grid.size());
        assertEquals(TrialStatus.TERMINATED, grid.get(0).status());
        assertEquals(3, grid.get(0).iterations());
    }

    private static void rejects(String mustMention, Runnable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().contains(mustMention), e.getMessage());
        System.out.println("rejected: " + e.getMessage());
    }

    @Test
    void emptyOrInvertedDomainsNameTheParameter() {
        rejects("'alpha'", () -> ParamSpace.builder().grid("alpha"));
        rejects("'c'", () -> ParamSpace.builder().choice("c"));
        rejects("'lr'", () -> ParamSpace.builder().uniform("lr", 1, 1));
        rejects("'lr'", () -> ParamSpace.builder().logUniform("lr", 0, 1));
        rejects("'n'", () -> ParamSpace.builder().randInt("n", 5, 2));
        rejects("'a'", () -> ParamSpace.builder().grid("a", 1).constant("a", 2));
    }

    @Test
    void aMetricNeverReportedFailsFitNamingItAndTheKeysReported() {
        Tuner tuner = Tuner.builder(BadInputTest::quick).metric("accuracy", Mode.MAX)
                .scheduler(Schedulers.asha()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tuner::fit);
        assertTrue(e.getMessage().contains("'accuracy'") && e.getMessage().contains("[score]"), e.getMessage());
        System.out.println("fit failed: " + e.getMessage());
    }

    @Test
    void aTrainableThatThrowsOnSomeConfigsErrorsThoseTrialsOnly() {
        ResultGrid grid = Tuner.builder(BadInputTest::failsOnThree)
                .paramSpace(ParamSpace.builder().grid("x", 1, 2, 3, 4).build())
                .metric("score", Mode.MAX).build().fit();
        assertEquals(1, grid.errors().size());
        Result failed = grid.errors().get(0);
        assertEquals(3, failed.config().get("x"));
        assertEquals(1, failed.iterations());
        Throwable cause = failed.error().orElseThrow();
        assertInstanceOf(IllegalStateException.class, cause);
        assertEquals("diverged with x=3", cause.getMessage());
        grid.results().stream().filter(r -> r != failed)
                .forEach(r -> assertEquals(TrialStatus.TERMINATED, r.status(), r.toString()));
        assertEquals(4, grid.getBestResult().config().get("x"));
    }

    @Test
    void aFailedTrialRestartsFromItsCheckpointWhileMaxFailuresAllows() {
        CRASHES.set(0);
        ResultGrid grid = Tuner.builder(BadInputTest::crashesAtFour)
                .paramSpace(ParamSpace.builder().constant("crashes", 1).build()).maxFailures(1).build().fit();
        Result r = grid.get(0);
        assertEquals(TrialStatus.TERMINATED, r.status(), r.toString());
        assertEquals(6, r.iterations());
        assertEquals(java.util.List.of(0, 0, 0, 3, 3, 3), r.metricsHistory().stream().map(m -> m.get("from")).toList());
        assertEquals(java.util.List.of(1, 2, 3, 4, 5, 6), r.metricsHistory().stream().map(m -> m.get("step")).toList());

        CRASHES.set(0);
        Result failed = Tuner.builder(BadInputTest::crashesAtFour)
                .paramSpace(ParamSpace.builder().constant("crashes", 2).build()).maxFailures(1).build().fit().get(0);
        assertEquals(TrialStatus.ERROR, failed.status());
        assertEquals("crash at step 4", failed.error().orElseThrow().getMessage());
        assertEquals(3, failed.iterations());
    }

    @Test
    void aNonSerializableTrainableIsRejectedAtBuild() {
        Supplier<Integer> notSerializable = () -> 1;
        rejects("not serializable", () -> Tuner.builder((c, r) -> r.report(Map.of("v", notSerializable.get())))
                .build());
    }

    @Test
    void badBuilderOptionsNameTheOption() {
        rejects("needs the tuner's metric", () -> Tuner.builder(BadInputTest::quick)
                .scheduler(Schedulers.asha()).build());
        rejects("needs the tuner's metric", () -> Tuner.builder(BadInputTest::quick)
                .stop(Stop.metricAtLeast("score", 1)).build());
        rejects("numSamples", () -> Tuner.builder(BadInputTest::quick).numSamples(-1).build());
        rejects("maxFailures", () -> Tuner.builder(BadInputTest::quick).maxFailures(-2).build());
        rejects("maxConcurrentTrials", () -> Tuner.builder(BadInputTest::quick).maxConcurrentTrials(-1).build());
        rejects("'CPU'", () -> Tuner.builder(BadInputTest::quick).resourcesPerTrial(Map.of("CPU", -1.0)).build());
        rejects("reductionFactor", () -> Schedulers.asha().reductionFactor(1));
        rejects("gracePeriod", () -> Tuner.builder(BadInputTest::quick).metric("score", Mode.MAX)
                .scheduler(Schedulers.asha().gracePeriod(10).maxT(5)).build());
        rejects("metric and mode", () -> Tuner.builder(BadInputTest::quick).metric("score", null).build());
    }
}
