package dev.rayo.tune;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's example (TUNE.md) with its iteration cap: 6 trials, each ended by the first criterion it meets. */
class SeedExampleTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /** The seed's {@code my_func}: i^alpha, i stepping by beta. */
    public static void myFunc(TrialConfig config, Reporter reporter) throws Exception {
        int i = 0;
        while (true) {
            reporter.report(Map.of("timesteps_total", i,
                    "mean_accuracy", Math.pow(i, config.getDouble("alpha"))));
            i += config.getInt("beta");
            Thread.sleep(10);
        }
    }

    @Test
    void sixTrialsEachEndedByTheFirstCriterionItMeets() {
        ResultGrid grid = runAndCheck(0.2, 0.4, 0.6);
        List<List<Object>> configs = grid.results().stream()
                .map(r -> List.of(r.config().get("alpha"), r.config().get("beta"))).toList();
        // Ray's grid order: the first axis varies fastest.
        assertEquals(List.of(List.of(0.2, 1), List.of(0.4, 1), List.of(0.6, 1), List.of(0.2, 2), List.of(0.4, 2),
                List.of(0.6, 2)), configs);
        // With the cap at 300 iterations, i^alpha stays below 100 for these alphas (0.6 needs i = 2154): the
        // cap ends every trial, as it would in Ray.
        grid.results().forEach(r -> assertEquals("training_iteration >= 300", r.endReason()));
        Result best = grid.getBestResult();
        assertEquals(List.of(0.6, 2), List.of(best.config().get("alpha"), best.config().get("beta")));
    }

    @Test
    void largerAlphasEndOnAccuracyTheOthersOnTheCap() {
        ResultGrid grid = runAndCheck(0.6, 0.8, 1.0);
        assertEquals(List.of("training_iteration >= 300", "training_iteration >= 300", "mean_accuracy >= 100",
                        "training_iteration >= 300", "mean_accuracy >= 100", "mean_accuracy >= 100"),
                grid.results().stream().map(Result::endReason).toList());
        assertEquals(List.of(300, 300, 101, 300, 160, 51), grid.results().stream().map(Result::iterations).toList());
        // 318^0.8 = 100.4 beats 100^1 = 100: the best last accuracy.
        assertEquals(List.of(0.8, 2), List.of(grid.getBestResult().config().get("alpha"),
                grid.getBestResult().config().get("beta")));
    }

    /** Runs the seed's example over {@code alphas} and checks each trial ended by the first criterion it met. */
    private static ResultGrid runAndCheck(Object... alphas) {
        int cap = 300;
        ResultGrid grid = Tuner.builder(SeedExampleTest::myFunc)
                .paramSpace(ParamSpace.builder().grid("alpha", alphas).grid("beta", 1, 2).build())
                .stop(Stop.any(Stop.metricAtLeast("mean_accuracy", 100), Stop.iterations(cap)))
                .resourcesPerTrial(Map.of("CPU", 1.0))
                .metric("mean_accuracy", Mode.MAX)
                .build()
                .fit();

        assertEquals(6, grid.size());
        for (Result r : grid.results()) {
            double alpha = (double) r.config().get("alpha");
            int beta = (int) r.config().get("beta");
            // Which criterion comes first: the first iteration n with ((n-1)*beta)^alpha >= 100, or the cap.
            int firstAccuracy = Integer.MAX_VALUE;
            for (int n = 1; n <= cap; n++) {
                if (Math.pow((n - 1) * (double) beta, alpha) >= 100) {
                    firstAccuracy = n;
                    break;
                }
            }
            int expected = Math.min(firstAccuracy, cap);
            String reason = firstAccuracy <= cap ? "mean_accuracy >= 100" : "training_iteration >= " + cap;
            assertEquals(TrialStatus.TERMINATED, r.status(), r.toString());
            assertEquals(expected, r.iterations(), r.toString());
            assertEquals(reason, r.endReason(), r.toString());
            assertEquals(expected, r.metricsHistory().size());
            assertEquals((expected - 1) * beta, ((Number) r.metrics().get("timesteps_total")).intValue());
            assertEquals(r.trialId(), r.metrics().get("trial_id"));
            assertTrue(((Number) r.metrics().get("time_total_s")).doubleValue() > 0);
        }
        return grid;
    }
}
