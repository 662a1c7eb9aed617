package dev.rayo.samples.rl;

import dev.rayo.api.RayoConfig;
import dev.rayo.samples.Samples;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./rayo run rl-rollouts} with a tiny budget: rows, the evaluation and the chart. */
class RlRolloutsDemoTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void printsOneRowPerIterationTheEvaluationAndWritesTheChart(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("rl-es.png");
        StringWriter out = new StringWriter();
        int code = run(out, "rl-rollouts", "--algo", "es", "--env-runners", "1", "--iterations", "2",
                "--eval-episodes", "3", "--output", png.toString());
        String text = out.toString();
        assertEquals(0, code, text);
        assertTrue(text.contains("ES on CartPole-v1, 1 env runner, target 475"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+2\\s+\\S+\\s+\\d+\\s+\\d+\\s+\\S+")), text);
        assertTrue(text.contains("evaluation (3 greedy episodes)"), text);
        assertTrue(Files.size(png) > 1000, "chart written");
    }

    /**
     * The target is the greedy evaluation's: with a low target DQN stops at the first iteration whose evaluation
     * reaches it, and an iteration whose training return is high but whose evaluation is not would go on.
     */
    @Test
    void stopsWhenTheGreedyEvaluationReachesTheTarget(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        int code = run(out, "rl-rollouts", "--algo", "dqn", "--env-runners", "0", "--iterations", "30",
                "--target", "20", "--eval-episodes", "5", "--output", dir.resolve("dqn.png").toString());
        String text = out.toString();
        assertEquals(0, code, text);
        java.util.List<Double> evaluations = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("evaluate\\(5\\) = ([0-9.]+)").matcher(text);
        while (m.find()) {
            evaluations.add(Double.parseDouble(m.group(1)));
        }
        assertTrue(!evaluations.isEmpty() && evaluations.get(evaluations.size() - 1) >= 20, text);
        assertTrue(evaluations.subList(0, evaluations.size() - 1).stream().allMatch(e -> e < 20),
                "it stopped at the first evaluation reaching the target:\n" + text);
        assertTrue(text.contains("DQN: reached the target"), text);
        assertTrue(text.contains("evaluation (5 greedy episodes): "
                + String.format(java.util.Locale.ROOT, "%.1f", evaluations.get(evaluations.size() - 1))), text);
    }

    @Test
    void anUnknownAlgorithmIsRejectedByName() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Samples.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertNotEquals(0, cli.execute("rl-rollouts", "--algo", "sarsa"));
        assertTrue(err.toString().contains("--algo must be ppo, es, a3c or dqn, was sarsa"), err.toString());
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = Samples.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }
}
