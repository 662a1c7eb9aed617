package dev.rayo.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperBandSchedulerTest {

    private static HyperBandScheduler hyperBand(double maxT, Mode mode) {
        HyperBandScheduler hb = new HyperBandScheduler().maxT(maxT).reductionFactor(3);
        hb.setup("score", mode);
        return hb;
    }

    @Test
    void bracketsFollowRaysArithmeticForMaxT81() {
        HyperBandScheduler hb = hyperBand(81, Mode.MAX);
        for (int i = 0; i < 143; i++) {
            hb.onTrialAdd(new FakeTrial(i, Map.of()));
        }
        // Ray fills the no-halving bracket (milestone 81) first, then the ones that halve more and start sooner.
        assertEquals(List.of(5, 8, 15, 34, 81), hb.bracketSizes());
        assertEquals(List.of(81, 27, 9, 3, 1), hb.milestones());
        hb.onTrialAdd(new FakeTrial(143, Map.of()));
        assertEquals(List.of(5, 8, 15, 34, 81, 5), hb.bracketSizes(), "a full band opens a new one");
    }

    /** maxT 9, eta 3: bracket 0 = 3 trials to 9; bracket 1 = 5 trials to 3, the best 2 of them on to 6. */
    private static SchedulerSim simulate(Mode mode) {
        HyperBandScheduler hb = hyperBand(9, mode);
        double sign = mode == Mode.MAX ? 1 : -1;
        SchedulerSim sim = new SchedulerSim(hb, 2, 1000, (t, it) -> sign * (t.index + 1) * it);
        for (int i = 0; i < 8; i++) {
            sim.add(Map.of("i", i));
        }
        sim.run();
        return sim;
    }

    @Test
    void pausesAtTheMilestoneThenKeepsTheBestThirdAndStopsTheRest() {
        for (Mode mode : Mode.values()) {
            SchedulerSim sim = simulate(mode);
            int[] iterations = sim.trials.stream().mapToInt(t -> t.iteration).toArray();
            assertEquals(List.of(9, 9, 9, 3, 3, 3, 6, 6),
                    java.util.Arrays.stream(iterations).boxed().toList(), mode.toString());
            sim.trials.forEach(t -> assertEquals("STOPPED", t.status, t.id));
            assertTrue(sim.pauses >= 4, "trials wait at milestone 3: " + sim.pauses);
            assertTrue(sim.resumes >= 1, "a winner that waited resumes from its checkpoint");
            assertEquals(48, sim.totalIterations);
        }
    }

    @Test
    void aTrialLeavingEarlyLetsItsBracketHalve() {
        HyperBandScheduler hb = hyperBand(9, Mode.MAX);
        FakeTrial[] t = new FakeTrial[8];
        for (int i = 0; i < 8; i++) {
            t[i] = new FakeTrial(i, Map.of());
            hb.onTrialAdd(t[i]);
        }
        for (int i = 3; i <= 6; i++) {
            for (int it = 1; it <= 3; it++) {
                SchedulerDecision d = hb.onTrialResult(t[i], t[i].report("training_iteration", it, "score", i * it));
                assertEquals(it < 3 ? SchedulerDecision.CONTINUE : SchedulerDecision.PAUSE, d, t[i].id + "@" + it);
            }
        }
        Map<String, Object> last = t[7].report("training_iteration", 1, "score", 100);
        assertEquals(SchedulerDecision.CONTINUE, hb.onTrialResult(t[7], last));
        hb.onTrialComplete(t[7], last);
        List<TrialInfo> paused = List.of(t[3], t[4], t[5], t[6]);
        assertSame(t[5], hb.chooseTrialToRun(List.of(), paused));
        assertSame(t[6], hb.chooseTrialToRun(List.of(), List.of(t[3], t[4], t[6])));
        assertNull(hb.chooseTrialToRun(List.of(), List.of(t[3], t[4])), "the losers are never resumed");
        assertEquals(2, hb.numStopped());
    }

    @Test
    void badOptionsNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HyperBandScheduler().reductionFactor(1))
                .getMessage().contains("reductionFactor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HyperBandScheduler().maxT(-1))
                .getMessage().contains("maxT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HyperBandScheduler().timeAttr(" "))
                .getMessage().contains("timeAttr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HyperBandScheduler().setup(null, null))
                .getMessage().contains("metric"));
        HyperBandScheduler hb = hyperBand(9, Mode.MAX);
        FakeTrial t = new FakeTrial(0, Map.of());
        hb.onTrialAdd(t);
        Map<String, Object> noMetric = Map.of("training_iteration", 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> hb.onTrialResult(t, noMetric))
                .getMessage().contains("'score'"));
        assertEquals(SchedulerDecision.CONTINUE, hb.onTrialResult(t, t.report("training_iteration", 1, "score", 1)),
                "the scheduler still serves after a bad result");
    }
}
