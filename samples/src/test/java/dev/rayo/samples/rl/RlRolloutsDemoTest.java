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
