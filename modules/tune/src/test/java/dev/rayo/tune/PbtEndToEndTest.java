package dev.rayo.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PBT under the real {@link Tuner} on a trainable whose best learning rate changes half-way: each step adds
 * {@code lr} to the score during the first {@link #SWITCH} steps and {@code 1 - lr} after, so every fixed
 * {@code lr} ends at exactly {@code STEPS / 2}, and only a schedule (high, then low) does better.
 */
class PbtEndToEndTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    static final int STEPS = 30;
    static final int SWITCH = 15;

    /** The trainable's state, all in its checkpoint. */
    record State(int step, double score) implements Serializable {
    }

    public static void schedule(TrialConfig config, Reporter reporter) throws Exception {
        State s = reporter.<State>checkpoint().orElse(new State(0, 0));
        double lr = config.getDouble("lr");
        while (true) {
            int step = s.step() + 1;
            s = new State(step, s.score() + (step <= SWITCH ? lr : 1 - lr));
            reporter.report(Map.of("score", s.score(), "step", step), s);
            Thread.sleep(20);
        }
    }

    private static ResultGrid fit(TrialScheduler scheduler) {
        return fit(scheduler, 0);
    }

    private static ResultGrid fit(TrialScheduler scheduler, int maxConcurrent) {
        return Tuner.builder(PbtEndToEndTest::schedule)
                .maxConcurrentTrials(maxConcurrent)
                .paramSpace(ParamSpace.builder().grid("lr", 0.1, 0.3, 0.7, 0.9).build())
                .metric("score", Mode.MAX)
                .scheduler(scheduler)
                .stop(Stop.iterations(STEPS))
                .resourcesPerTrial(Map.of("CPU", 0.5))
                .seed(42)
                .build()
                .fit();
    }

    @Test
    void exploitedTrialsContinueTheDonorsStateAndThePopulationEndsBetterThanFifo() {
        ResultGrid fifo = fit(Schedulers.fifo());
        PbtScheduler pbt = Schedulers.pbt().timeAttr("training_iteration").perturbationInterval(3).quantileFraction(0.5)
                .mutation("lr", 0.1, 0.3, 0.5, 0.7, 0.9).seed(3);
        ResultGrid population = fit(pbt);

        assertTrue(pbt.numPerturbations() > 0, "bottom trials exploited top ones");
        for (Result r : population.results()) {
            assertEquals(STEPS, r.iterations(), r.toString());
            for (Map<String, Object> m : r.metricsHistory()) {
                // Had an exploit restarted the trainable from scratch, its step would fall back to 1.
                assertEquals(m.get("training_iteration"), m.get("step"), "state continues: " + r.metricsHistory());
            }
        }
        List<Double> fifoScores = scores(fifo);
        List<Double> pbtScores = scores(population);
        fifoScores.forEach(s -> assertEquals(STEPS / 2.0, s, 1e-9, "any fixed lr ends at STEPS/2"));
        double fifoBest = fifoScores.stream().mapToDouble(d -> d).max().orElseThrow();
        double pbtBest = pbtScores.stream().mapToDouble(d -> d).max().orElseThrow();
        double fifoMean = fifoScores.stream().mapToDouble(d -> d).average().orElseThrow();
        double pbtMean = pbtScores.stream().mapToDouble(d -> d).average().orElseThrow();
        System.out.printf("PBT vs FIFO: best %.2f vs %.2f, mean %.2f vs %.2f, %d exploits%n",
                pbtBest, fifoBest, pbtMean, fifoMean, pbt.numPerturbations());
        assertTrue(pbtBest > fifoBest + 0.5, "PBT best " + pbtBest + " vs FIFO " + fifoBest);
        assertTrue(pbtMean > fifoMean, "PBT mean " + pbtMean + " vs FIFO " + fifoMean);
    }

    @Test
    void withMoreTrialsThanSlotsPausedTrialsResumeFromTheirCheckpoints() {
        PbtScheduler pbt = Schedulers.pbt().timeAttr("training_iteration").perturbationInterval(3)
                .quantileFraction(0.5).mutation("lr", 0.1, 0.3, 0.5, 0.7, 0.9).seed(3);
        ResultGrid population = fit(pbt, 2);
        for (Result r : population.results()) {
            assertEquals(STEPS, r.iterations(), r.toString());
            for (Map<String, Object> m : r.metricsHistory()) {
                assertEquals(m.get("training_iteration"), m.get("step"), "resumed, not restarted: " + r);
            }
        }
        double best = scores(population).stream().mapToDouble(d -> d).max().orElseThrow();
        System.out.printf("PBT, 4 trials on 2 slots: best %.2f, %d exploits%n", best, pbt.numPerturbations());
        assertTrue(pbt.numPerturbations() > 0);
        assertTrue(best > STEPS / 2.0 + 0.5, "best " + best);
    }

    private static List<Double> scores(ResultGrid grid) {
        return grid.results().stream().map(r -> ((Number) r.metrics().get("score")).doubleValue()).toList();
    }
}
