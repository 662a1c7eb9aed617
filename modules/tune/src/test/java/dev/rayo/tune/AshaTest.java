package dev.rayo.tune;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ASHA against FIFO on a trainable whose score is known from its config ({@code q * t} at iteration t, so the
 * ranking at every rung is the ranking of q). Trials run one at a time so the asynchronous order, and therefore
 * every rung decision, is fixed: with maxT 27, gracePeriod 1 and reductionFactor 3 the rungs are 1, 3, 9 (and
 * maxT, 27).
 */
class AshaTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @TempDir
    Path tmp;

    private static final Object[] Q = {5.0, 3.0, 9.0, 1.0, 7.0, 8.0, 8.2, 2.0, 6.0, 4.0};
    private static final int MAX_T = 27;

    /** Reports {@code q * t} for t = 1..maxT, then returns. */
    public static void linear(TrialConfig config, Reporter reporter) {
        double q = config.getDouble("q");
        for (int t = 1; t <= MAX_T; t++) {
            reporter.report(Map.of("score", q * t));
        }
    }

    private static ResultGrid run(TrialScheduler scheduler) {
        return Tuner.builder(AshaTest::linear)
                .paramSpace(ParamSpace.builder().grid("q", Q).build())
                .metric("score", Mode.MAX)
                .scheduler(scheduler)
                .maxConcurrentTrials(1)
                .build().fit();
    }

    @Test
    void stopsTheBadTrialsAtRayRungsAndKeepsTheBestToMaxT() throws Exception {
        AshaScheduler asha = Schedulers.asha().maxT(MAX_T).gracePeriod(1).reductionFactor(3);
        // Ray counts maxT as a rung too; a trial reaching it is stopped there anyway.
        assertEquals(List.of(List.of(1.0, 3.0, 9.0, 27.0)), asha.rungs());
        ResultGrid ashaGrid = run(asha);
        ResultGrid fifoGrid = run(Schedulers.fifo());

        Map<Double, Integer> stoppedAt = new LinkedHashMap<>();
        ashaGrid.results().forEach(r -> stoppedAt.put((Double) r.config().get("q"), r.iterations()));
        // Worked by hand from Ray's rule (below the 2/3 quantile of the values recorded earlier at the rung):
        // 5 is first everywhere; 3 < 5 at rung 1; 9 passes all; 1 < 6.33 at rung 1; 7 passes rung 1 (cutoff 5)
        // and fails rung 3 (cutoff 7.67 of {5, 9}); 8 passes all; 8.2 passes rungs 1 and 3 (cutoff 8 of
        // {5, 7, 8, 9}) and fails rung 9 (cutoff 8.33 of {5, 8, 9}); 2, 6, 4 fail rung 1 (cutoffs 7.33, 8, 8).
        Map<Double, Integer> expected = new LinkedHashMap<>();
        int[] at = {27, 1, 27, 1, 3, 27, 9, 1, 1, 1};
        for (int i = 0; i < Q.length; i++) {
            expected.put((Double) Q[i], at[i]);
        }
        assertEquals(expected, stoppedAt);
        ashaGrid.results().forEach(r -> assertEquals(TrialStatus.STOPPED, r.status(), r.toString()));
        assertEquals(9.0, ashaGrid.getBestResult().config().get("q"));
        assertEquals(MAX_T, ashaGrid.getBestResult().iterations());

        int ashaIterations = ashaGrid.results().stream().mapToInt(Result::iterations).sum();
        int fifoIterations = fifoGrid.results().stream().mapToInt(Result::iterations).sum();
        fifoGrid.results().forEach(r -> assertEquals(TrialStatus.TERMINATED, r.status()));
        assertEquals(Q.length * MAX_T, fifoIterations);
        assertEquals(98, ashaIterations);
        double fraction = (double) ashaIterations / fifoIterations;
        System.out.printf("ASHA used %d of FIFO's %d iterations: %.1f%%%n", ashaIterations, fifoIterations,
                100 * fraction);
        assertTrue(fraction < 0.5, "fraction " + fraction);
        assertEquals(fifoGrid.getBestResult().config(), ashaGrid.getBestResult().config());

        Path csv = ashaGrid.writeCsv(tmp.resolve("asha.csv"));
        List<String> rows = Files.readAllLines(csv);
        assertEquals(1 + Q.length, rows.size());
        assertTrue(rows.get(0).startsWith("trial_id,status,config/q,score,training_iteration"), rows.get(0));
        assertTrue(rows.get(3).contains(",STOPPED,9.0,243.0,27,"), rows.get(3));
        Path png = ashaGrid.plot(tmp.resolve("asha.png"), "score");
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, head);
    }

    @Test
    void bracketsHaveRaysRungs() {
        List<List<Double>> rungs = Schedulers.asha().maxT(100).gracePeriod(1).reductionFactor(4).brackets(3).rungs();
        List<List<Double>> expected = new ArrayList<>();
        expected.add(List.of(1.0, 4.0, 16.0, 64.0));
        expected.add(List.of(4.0, 16.0, 64.0));
        expected.add(List.of(16.0, 64.0));
        assertEquals(expected, rungs);
    }
}
