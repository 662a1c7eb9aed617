package dev.rayo.tune;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tuner carries out every {@link SchedulerDecision} as the seam says (PAUSE resumes from the last checkpoint
 * when chosen; Exploit restarts with the donor's checkpoint and the new config, iterations continuing from the
 * donor's), and calls the scheduler from one thread, in event order.
 */
class SchedulerSeamTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /** Counts steps from its checkpoint; reports the step, its x and where this run started. */
    public static void steps(TrialConfig config, Reporter reporter) throws Exception {
        int from = reporter.<Integer>checkpoint().orElse(0);
        int step = from;
        while (true) {
            Thread.sleep(config.getInt("sleep"));
            step++;
            reporter.report(Map.of("step", step, "x", config.getInt("x"), "from", from), step);
        }
    }

    /** Records who called it and in which order; subclasses decide. */
    abstract static class Recording implements TrialScheduler {
        final List<String> events = new ArrayList<>();
        final Set<Thread> threads = new HashSet<>();

        @Override
        public void setup(String metric, Mode mode) {
            events.clear();
            threads.add(Thread.currentThread());
        }

        @Override
        public void onTrialAdd(TrialInfo trial) {
            threads.add(Thread.currentThread());
            events.add("add " + trial.index());
        }

        @Override
        public void onTrialComplete(TrialInfo trial, Map<String, Object> lastResult) {
            threads.add(Thread.currentThread());
            events.add("complete " + trial.index() + " at " + lastResult.get("training_iteration"));
        }

        @Override
        public TrialInfo chooseTrialToRun(List<TrialInfo> pending, List<TrialInfo> paused) {
            threads.add(Thread.currentThread());
            return TrialScheduler.super.chooseTrialToRun(pending, paused);
        }
    }

    @Test
    void pauseEndsTheRunAndResumesFromTheCheckpointWhenChosen() {
        Recording pausing = new Recording() {
            private boolean paused;

            @Override
            public SchedulerDecision onTrialResult(TrialInfo trial, Map<String, Object> result) {
                threads.add(Thread.currentThread());
                if (trial.index() == 0 && !paused && result.get("training_iteration").equals(3)) {
                    paused = true;
                    events.add("pause 0");
                    return SchedulerDecision.PAUSE;
                }
                return SchedulerDecision.CONTINUE;
            }
        };
        ResultGrid grid = Tuner.builder(SchedulerSeamTest::steps)
                .paramSpace(ParamSpace.builder().grid("x", 1, 2).constant("sleep", 5).build())
                .metric("step", Mode.MAX).scheduler(pausing).stop(Stop.iterations(6))
                .maxConcurrentTrials(1).build().fit();
        // Trial 0 pauses at 3, trial 1 (pending first) runs to its end, then trial 0 resumes from step 3.
        assertEquals(List.of("add 0", "add 1", "pause 0", "complete 1 at 6", "complete 0 at 6"), pausing.events);
        assertEquals(1, pausing.threads.size(), "one control thread");
        Result first = grid.get(0);
        assertEquals(TrialStatus.TERMINATED, first.status());
        List<Map<String, Object>> h = first.metricsHistory();
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1, h.get(i).get("training_iteration"));
            assertEquals(i + 1, h.get(i).get("step"));
            assertEquals(i < 3 ? 0 : 3, h.get(i).get("from"), "resumed from the checkpoint of iteration 3");
        }
    }

    @Test
    void exploitRestartsWithTheDonorsCheckpointAndTheNewConfig() {
        int[] donorIteration = new int[1];
        Recording exploiting = new Recording() {
            private boolean done;

            @Override
            public SchedulerDecision onTrialResult(TrialInfo trial, Map<String, Object> result) {
                threads.add(Thread.currentThread());
                // from iteration 3 on, once the donor has reported (its actor may start late on a slow machine)
                if (trial.index() == 1 && !done && (int) result.get("training_iteration") >= 3 && donorHistory != null) {
                    done = true;
                    events.add("exploit 1 from 0");
                    donorIteration[0] = (int) lastOf(donorHistory).get("training_iteration");
                    return new SchedulerDecision.Exploit(donorId, Map.of("x", 10, "sleep", 20));
                }
                if (trial.index() == 0) {
                    donorId = trial.trialId();
                    donorHistory = trial.history();
                }
                return SchedulerDecision.CONTINUE;
            }

            private String donorId;
            private List<Map<String, Object>> donorHistory;

            private Map<String, Object> lastOf(List<Map<String, Object>> history) {
                return history.get(history.size() - 1);
            }
        };
        ResultGrid grid = Tuner.builder(SchedulerSeamTest::steps)
                .paramSpace(ParamSpace.builder().grid("x", 1, 2).grid("sleep", 5).build())
                .metric("step", Mode.MAX).scheduler(exploiting).stop(Stop.iterations(30))
                .maxConcurrentTrials(2).build().fit();
        assertEquals(1, exploiting.threads.size(), "one control thread");
        Result exploited = grid.get(1);
        int k = donorIteration[0];
        assertTrue(k >= 1, "the donor had reported");
        assertEquals(Map.of("x", 10, "sleep", 20), exploited.config());
        Map<String, Object> afterExploit = exploited.metricsHistory().stream()
                .filter(m -> m.get("x").equals(10)).findFirst().orElseThrow();
        assertEquals(k + 1, afterExploit.get("training_iteration"), "iterations continue from the donor's");
        assertEquals(k, afterExploit.get("from"), "Reporter.checkpoint() is the donor's");
        assertEquals(k + 1, afterExploit.get("step"), "the state continues from the donor's");
        assertEquals(30, exploited.iterations());
        assertEquals(TrialStatus.TERMINATED, exploited.status());
    }
}
