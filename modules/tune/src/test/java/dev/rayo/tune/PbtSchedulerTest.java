package dev.rayo.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PbtSchedulerTest {
    private static final String T = "training_iteration";
    private static final List<Object> LRS = List.of(0.001, 0.01, 0.1, 1.0);

    private static PbtScheduler pbt() {
        PbtScheduler pbt = new PbtScheduler().timeAttr(T).perturbationInterval(5).seed(7)
                .mutation("lr", LRS.toArray());
        pbt.setup("acc", Mode.MAX);
        return pbt;
    }

    /** Four running trials that all passed their first perturbation point (t=5) with scores 1..4. */
    private static List<FakeTrial> population(PbtScheduler pbt) {
        List<FakeTrial> trials = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeTrial t = new FakeTrial(i, Map.of("lr", LRS.get(i)));
            pbt.onTrialAdd(t);
            pbt.chooseTrialToRun(List.of(t), List.of());
            trials.add(t);
        }
        for (FakeTrial t : trials) {
            for (int it = 1; it <= 4; it++) {
                assertEquals(SchedulerDecision.CONTINUE, pbt.onTrialResult(t, t.report(T, it, "acc", 0)));
            }
            t.checkpoint = true;
            assertEquals(SchedulerDecision.CONTINUE, pbt.onTrialResult(t, t.report(T, 5, "acc", t.index + 1)),
                    "first perturbation point of " + t.id);
        }
        return trials;
    }

    @Test
    void aBottomTrialExploitsATopTrialWithAnExploredConfig() {
        PbtScheduler pbt = pbt();
        List<FakeTrial> trials = population(pbt);
        FakeTrial worst = trials.get(0);
        for (int it = 6; it <= 9; it++) {
            assertEquals(SchedulerDecision.CONTINUE, pbt.onTrialResult(worst, worst.report(T, it, "acc", 1)));
        }
        SchedulerDecision d = pbt.onTrialResult(worst, worst.report(T, 10, "acc", 1.5));
        SchedulerDecision.Exploit exploit = assertInstanceOf(SchedulerDecision.Exploit.class, d);
        assertEquals("t3", exploit.donorTrialId(), "the top quarter of four trials is the best one");
        Object lr = exploit.newConfig().get("lr");
        assertTrue(lr.equals(0.1) || lr.equals(1.0) || LRS.contains(lr), "explored from the donor's 1.0: " + lr);
        assertEquals(1, pbt.numPerturbations());
        // It now stands at the donor's last perturbation point (t=5): its next one is t=10 of the new run.
        worst.config = exploit.newConfig();
        assertEquals(SchedulerDecision.CONTINUE, pbt.onTrialResult(worst, worst.report(T, 6, "acc", 4)));
    }

    @Test
    void noExploitWithoutADonorCheckpointAndNoneForTheMiddle() {
        PbtScheduler pbt = pbt();
        List<FakeTrial> trials = population(pbt);
        trials.get(3).checkpoint = false;
        FakeTrial worst = trials.get(0);
        assertEquals(SchedulerDecision.CONTINUE, pbt.onTrialResult(worst, worst.report(T, 10, "acc", 1)),
                "the only top trial has no checkpoint: nothing to copy");
        FakeTrial middle = trials.get(1);
        assertEquals(SchedulerDecision.CONTINUE, pbt.onTrialResult(middle, middle.report(T, 10, "acc", 2)));
        assertEquals(0, pbt.numPerturbations());
    }

    @Test
    void yieldsToWaitingTrialsAndResumesTheLeastTrainedFirst() {
        PbtScheduler pbt = pbt();
        FakeTrial a = new FakeTrial(0, Map.of("lr", 0.1));
        FakeTrial b = new FakeTrial(1, Map.of("lr", 0.1));
        pbt.onTrialAdd(a);
        pbt.onTrialAdd(b);
        assertSame(a, pbt.chooseTrialToRun(List.of(a, b), List.of()));
        for (int it = 1; it < 5; it++) {
            assertEquals(SchedulerDecision.CONTINUE, pbt.onTrialResult(a, a.report(T, it, "acc", it)));
        }
        assertEquals(SchedulerDecision.PAUSE, pbt.onTrialResult(a, a.report(T, 5, "acc", 5)), "b is waiting");
        assertSame(b, pbt.chooseTrialToRun(List.of(b), List.of(a)), "b has trained less");
    }

    @Test
    void exploreStepsToANeighbourOrResamples() {
        Random random = new Random(1);
        PbtMutation values = new PbtMutation.Values(LRS);
        Set<Object> seen = new HashSet<>();
        Set<Object> fromFirst = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(values.explore(0.01, 0, random));
            fromFirst.add(values.explore(0.001, 0, random));
        }
        assertEquals(Set.of(0.001, 0.1), seen, "without resampling: a neighbour");
        assertEquals(Set.of(0.001, 0.01), fromFirst, "clamped at the ends");
        assertTrue(LRS.contains(values.explore(5, 0, random)), "a value not in the list is resampled");

        PbtMutation range = new PbtMutation.Range(0.5, 2.0);
        Set<Object> perturbed = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            perturbed.add(range.explore(1.0, 0, random));
        }
        assertEquals(Set.of(1.2, 0.8), perturbed);
        assertEquals(2.0, range.explore(1.9, 0, new Random(0) {
            @Override
            public double nextDouble() {
                return 0.9;
            }
        }));
        for (int i = 0; i < 100; i++) {
            double drawn = (double) range.explore(1.0, 1, random);
            assertTrue(drawn >= 0.5 && drawn <= 2.0, "resampled uniformly in the range: " + drawn);
        }
        assertInstanceOf(Integer.class, new PbtMutation.Range(1, 100).explore(10, 0, random), "ints stay ints");
    }

    @Test
    void badOptionsNameTheOption() {
        for (double q : new double[] {0, 0.6, -0.1}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new PbtScheduler().quantileFraction(q))
                    .getMessage().contains("quantileFraction"));
        }
        new PbtScheduler().quantileFraction(0.5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PbtScheduler().perturbationInterval(0))
                .getMessage().contains("perturbationInterval"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PbtScheduler().resampleProbability(1.5))
                .getMessage().contains("resampleProbability"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PbtScheduler().mutation("lr"))
                .getMessage().contains("lr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PbtScheduler().mutationRange("lr", 2, 1))
                .getMessage().contains("lr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PbtScheduler().setup("acc", Mode.MAX))
                .getMessage().contains("mutation"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PbtScheduler().mutation("lr", 1, 2).setup(null, null)).getMessage().contains("metric"));
    }
}
