package dev.rayo.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MedianStoppingSchedulerTest {
    private static final String T = "training_iteration";

    /** Three finished peers whose running averages from t=2 to t=4 are 9, 10 and 11 (median 10). */
    private static MedianStoppingScheduler withPeers(Mode mode) {
        MedianStoppingScheduler rule = new MedianStoppingScheduler().timeAttr(T).gracePeriod(2).minSamplesRequired(3);
        rule.setup("loss", mode);
        double sign = mode == Mode.MAX ? 1 : -1;
        for (int p = 0; p < 3; p++) {
            FakeTrial peer = new FakeTrial(p, Map.of());
            rule.onTrialAdd(peer);
            for (int it = 1; it <= 5; it++) {
                // Before the grace period the value is wild; it must not enter the averages.
                double value = it < 2 ? 1000 : 9 + p;
                rule.onTrialResult(peer, peer.report(T, it, "loss", sign * value));
            }
        }
        return rule;
    }

    @Test
    void stopsATrialWhoseBestIsWorseThanTheMedianOfRunningAverages() {
        for (Mode mode : Mode.values()) {
            double sign = mode == Mode.MAX ? 1 : -1;
            MedianStoppingScheduler rule = withPeers(mode);
            FakeTrial bad = new FakeTrial(10, Map.of());
            rule.onTrialAdd(bad);
            assertEquals(SchedulerDecision.CONTINUE, rule.onTrialResult(bad, bad.report(T, 1, "loss", sign * 5)),
                    "inside the grace period nothing stops");
            assertEquals(SchedulerDecision.STOP, rule.onTrialResult(bad, bad.report(T, 2, "loss", sign * 9.5)),
                    mode + ": best 9.5 < median 10");

            FakeTrial good = new FakeTrial(11, Map.of());
            rule.onTrialAdd(good);
            rule.onTrialResult(good, good.report(T, 1, "loss", sign * 10.5));
            assertEquals(SchedulerDecision.CONTINUE, rule.onTrialResult(good, good.report(T, 2, "loss", sign * 3)),
                    mode + ": its best so far (10.5) beats the median, though this result does not");
            assertEquals(1, rule.numStopped());
        }
    }

    @Test
    void needsEnoughPeersThatReachedTheSameTime() {
        MedianStoppingScheduler rule = withPeers(Mode.MAX);
        FakeTrial late = new FakeTrial(10, Map.of());
        rule.onTrialAdd(late);
        for (int it = 1; it <= 5; it++) {
            rule.onTrialResult(late, late.report(T, it, "loss", 50));
        }
        FakeTrial ahead = new FakeTrial(11, Map.of());
        // No peer has reached t=6 yet: too few samples to judge, however poor the result.
        assertEquals(SchedulerDecision.CONTINUE, rule.onTrialResult(ahead, ahead.report(T, 6, "loss", 0)));
        FakeTrial level = new FakeTrial(12, Map.of());
        assertEquals(SchedulerDecision.STOP, rule.onTrialResult(level, level.report(T, 5, "loss", 0)),
                "at t=5 four peers count (averages 9, 10, 11, 50)");
        MedianStoppingScheduler strict = new MedianStoppingScheduler().timeAttr(T).gracePeriod(2)
                .minSamplesRequired(4);
        strict.setup("loss", Mode.MAX);
        for (int p = 0; p < 3; p++) {
            FakeTrial peer = new FakeTrial(p, Map.of());
            for (int it = 1; it <= 3; it++) {
                strict.onTrialResult(peer, peer.report(T, it, "loss", 10));
            }
        }
        FakeTrial poor = new FakeTrial(9, Map.of());
        strict.onTrialResult(poor, poor.report(T, 1, "loss", 0));
        assertEquals(SchedulerDecision.CONTINUE, strict.onTrialResult(poor, poor.report(T, 2, "loss", 0)),
                "3 peers < minSamplesRequired 4");
    }

    @Test
    void defaultsAreRaysAndBadOptionsNameTheOption() {
        MedianStoppingScheduler rule = new MedianStoppingScheduler();
        rule.setup("loss", Mode.MIN);
        FakeTrial t = new FakeTrial(0, Map.of());
        // time_total_s is the default time attribute; 59 s is inside the 60 s grace period.
        Map<String, Object> early = t.report("time_total_s", 59, "loss", 1e9);
        assertEquals(SchedulerDecision.CONTINUE, rule.onTrialResult(t, early));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MedianStoppingScheduler().gracePeriod(-1))
                .getMessage().contains("gracePeriod"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MedianStoppingScheduler().minSamplesRequired(0)).getMessage().contains("minSamplesRequired"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MedianStoppingScheduler().setup(null, null))
                .getMessage().contains("metric"));
    }
}
