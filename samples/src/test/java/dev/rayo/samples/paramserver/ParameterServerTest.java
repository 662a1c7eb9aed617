package dev.rayo.samples.paramserver;

import dev.rayo.api.RayoConfig;
import dev.rayo.samples.common.Progress;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both the single and the sharded parameter server learn the generating weights. */
class ParameterServerTest {
    private static final int ROUNDS = 30;
    private static final LinearProblem PROBLEM = LinearProblem.generate(2_000, 10, 4, 0.1, 11);

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(4).build());

    @Test
    void oneServerDrivesTheLossDownToTheTrueWeights() {
        Progress progress = Progress.silent(ROUNDS);
        Training training = new ParameterServer(1, 0.1).train(PROBLEM, ROUNDS, progress);
        assertLearned(training);
        assertEquals(ROUNDS, awaitSteps(progress), "one progress step per round");
    }

    @Test
    void shardedServersLearnExactlyWhatOneServerLearns() {
        Training single = new ParameterServer(1, 0.1).train(PROBLEM, ROUNDS, Progress.silent(ROUNDS));
        Training sharded = new ParameterServer(3, 0.1).train(PROBLEM, ROUNDS, Progress.silent(ROUNDS));
        assertLearned(sharded);
        assertEquals(single.roundLosses(), sharded.roundLosses());
        assertEquals(single.finalLoss(), sharded.finalLoss());
        assertArrayEquals(single.weights(), sharded.weights());
    }

    @Test
    void slicingCutsNearlyEvenlyAndJoinsBack() {
        Slicing slicing = Slicing.of(10, 3);
        assertEquals(3, slicing.count());
        assertEquals(List.of(3, 3, 4), List.of(slicing.size(0), slicing.size(1), slicing.size(2)));
        double[] full = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(new double[] {3, 4, 5}, slicing.slice(full, 1));
        assertArrayEquals(full, slicing.join(List.of(slicing.slice(full, 0), slicing.slice(full, 1),
                slicing.slice(full, 2))));
        assertThrows(IllegalArgumentException.class, () -> Slicing.of(2, 3));
    }

    @Test
    void theGradientAtTheTrueWeightsIsOnlyNoise() {
        Shard shard = PROBLEM.shards().get(0);
        GradientPart part = shard.gradient(PROBLEM.trueWeights(), Slicing.of(10, 1)).get(0);
        assertEquals(500, part.rows());
        assertEquals(0.01, part.squaredError() / part.rows(), 0.003, "the loss at the true weights is about noise²");
    }

    @Test
    void theCommandPrintsAFallingLossPerRound() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ParameterServerDemo());
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--samples", "1000", "--features", "8", "--workers", "2", "--shards", "2",
                "--rounds", "5", "--no-progress"));
        String text = out.toString();
        assertTrue(text.startsWith("parameter-server: 1000 samples x 8 features in 2 shards, 2 server actors, 5 rounds"),
                text);
        for (int r = 1; r <= 5; r++) {
            assertTrue(text.matches("(?s).*\\n\\s*" + r + "\\s+\\d+\\.\\d{6}\\n.*"), "no row for round " + r + ":\n" + text);
        }
        assertTrue(text.matches("(?s).*\\n\\s*final\\s+\\d+\\.\\d{6}\\n.*"), text);
        assertTrue(text.contains("max |learned - true weight|"), text);
    }

    /** The loss falls every round, ends below 10% of the first round's, and the weights are the true ones. */
    private static void assertLearned(Training training) {
        List<Double> losses = training.roundLosses();
        assertEquals(ROUNDS, losses.size());
        for (int r = 1; r < losses.size(); r++) {
            assertTrue(losses.get(r) < losses.get(r - 1), "the loss rose in round " + (r + 1) + ": " + losses);
        }
        assertTrue(training.finalLoss() < 0.1 * losses.get(0), "final " + training.finalLoss() + " vs " + losses);
        assertTrue(PROBLEM.maxWeightError(training.weights()) < 0.05,
                "max weight error " + PROBLEM.maxWeightError(training.weights()));
    }

    /** Progress is stepped from Rayo's completion threads; give the last step a moment to land. */
    private static long awaitSteps(Progress progress) {
        return Eventually.within(Duration.ofSeconds(30)).every(Duration.ofMillis(10))
                .describedAs("the last progress step").until(progress::done, done -> done >= ROUNDS);
    }
}
