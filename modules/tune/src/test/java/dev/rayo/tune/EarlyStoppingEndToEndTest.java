package dev.rayo.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HyperBand and the median stopping rule under the real {@link Tuner}, trials as Rayo actors. */
class EarlyStoppingEndToEndTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /**
     * Score {@code (q + 1) * step}; the step lives in the checkpoint, so a paused trial resumes where it stopped.
     */
    public static void linear(TrialConfig config, Reporter reporter) throws Exception {
        int step = reporter.<Integer>checkpoint().orElse(0);
        int q = config.getInt("q");
        while (true) {
            step++;
            reporter.report(Map.of("score", (q + 1.0) * step, "step", step), step);
            Thread.sleep(5);
        }
    }

    @Test
    void hyperBandPausesAtMilestonesResumesTheBestAndStopsTheRest() {
        HyperBandScheduler hb = Schedulers.hyperBand().maxT(9).reductionFactor(3);
        ResultGrid grid = Tuner.builder(EarlyStoppingEndToEndTest::linear)
                .paramSpace(ParamSpace.builder().grid("q", 0, 1, 2, 3, 4, 5, 6, 7).build())
                .metric("score", Mode.MAX)
                .scheduler(hb)
                .stop(Stop.iterations(100))
                .resourcesPerTrial(Map.of("CPU", 1.0))
                .build()
                .fit();
        // Bracket 0 (3 trials) runs to maxT 9; bracket 1 (5 trials) pauses all at 3, the best 2 go on to 6.
        assertEquals(List.of(9, 9, 9, 3, 3, 3, 6, 6), grid.results().stream().map(Result::iterations).toList());
        for (Result r : grid.results()) {
            assertEquals(TrialStatus.STOPPED, r.status(), r.toString());
            for (Map<String, Object> m : r.metricsHistory()) {
                assertEquals(m.get("training_iteration"), m.get("step"), "resumed from its checkpoint: " + r);
            }
        }
        assertEquals(3, hb.numStopped());
        assertEquals(7, grid.getBestResult().config().get("q"));
    }

    /** A constant score {@code q}. */
    public static void constant(TrialConfig config, Reporter reporter) throws Exception {
        while (true) {
            reporter.report(Map.of("score", config.getDouble("q")));
            Thread.sleep(5);
        }
    }

    @Test
    void medianStoppingStopsTrialsBelowTheMedianAfterTheGracePeriod() {
        ResultGrid grid = Tuner.builder(EarlyStoppingEndToEndTest::constant)
                .paramSpace(ParamSpace.builder().grid("q", 5.0, 4.0, 3.0, 2.0, 1.0).build())
                .metric("score", Mode.MAX)
                .scheduler(Schedulers.medianStopping().timeAttr("training_iteration").gracePeriod(2)
                        .minSamplesRequired(2))
                .stop(Stop.iterations(10))
                .resourcesPerTrial(Map.of("CPU", 1.0))
                .maxConcurrentTrials(1) // one at a time: which peers a trial has at t=2 does not depend on timing
                .build()
                .fit();
        // The first two run with too few peers (none, then one) to judge; each later one is below the median at t=2.
        assertEquals(List.of(10, 10, 2, 2, 2), grid.results().stream().map(Result::iterations).toList());
        assertEquals(List.of(TrialStatus.TERMINATED, TrialStatus.TERMINATED, TrialStatus.STOPPED,
                TrialStatus.STOPPED, TrialStatus.STOPPED), grid.results().stream().map(Result::status).toList());
    }

    @Test
    void aSchedulerWithoutMetricIsRejectedAndTheTunerStillServes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tuner.builder(EarlyStoppingEndToEndTest::constant)
                        .paramSpace(ParamSpace.builder().grid("q", 1.0).build())
                        .scheduler(Schedulers.pbt().mutation("q", 1.0, 2.0))
                        .build());
        assertTrue(e.getMessage().contains("metric"), e.getMessage());
        ResultGrid grid = Tuner.builder(EarlyStoppingEndToEndTest::constant)
                .paramSpace(ParamSpace.builder().grid("q", 1.0).build())
                .metric("score", Mode.MAX)
                .scheduler(Schedulers.hyperBand().maxT(3))
                .build()
                .fit();
        assertEquals(3, grid.get(0).iterations(), "hyperBand stops at maxT");
    }
}
