package dev.rayo.samples.tuneppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.api.RayoConfig;
import dev.rayo.samples.Samples;
import dev.rayo.testing.RayoRuntimeExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./rayo run tune-ppo} with a tiny budget: the table, the best config and its evaluation, PNG and CSV. */
class TunePpoDemoTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void tunesPpoWithAshaPrintsTheTableAndTheBestAndWritesThePlotAndCsv(@TempDir Path dir) throws IOException {
        Run bad = run("tune-ppo", "--grace", "0");
        assertNotEquals(0, bad.code);
        assertTrue(bad.err.contains("--grace"), bad.err);
        // Unchecked, this trial would hold 1 CPU and wait forever for runners the other CPU cannot hold.
        Run tooBig = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> run("tune-ppo", "--env-runners", "4", "--runner-cpu", "0.5", "--out", dir.toString()));
        assertNotEquals(0, tooBig.code);
        assertTrue(tooBig.err.contains("a trial needs 3 CPU (--cpu-per-trial 1 + --env-runners 4 x --runner-cpu 0.5)"
                + " but the cluster has 2"), tooBig.err);

        Run run = run("tune-ppo", "--trials", "3", "--max-iterations", "3", "--grace", "1", "--train-batch", "500",
                "--eval-episodes", "2", "--table-seconds", "1", "--out", dir.toString());
        assertEquals(0, run.code, run.err + run.out);
        assertTrue(run.out.startsWith("tune-ppo: 3 PPO configs (lr, clipParam) on CartPole-v1 x up to 3 iterations"),
                run.out);
        assertTrue(run.out.contains("== Status =="), "the progress table:\n" + run.out);
        assertTrue(run.out.contains("best trials"), run.out);
        Matcher best = Pattern.compile("best: lr ([0-9.e+-]+), clipParam ([0-9.]+) -> episode_return_mean ([0-9.]+) "
                + "after (\\d) iterations \\((\\d+) timesteps\\); evaluate\\(2\\) of its checkpoint: ([0-9.]+)")
                .matcher(run.out);
        assertTrue(best.find(), run.out);
        double lr = Double.parseDouble(best.group(1));
        assertTrue(lr >= 1e-4 && lr <= 1e-2, "lr from the search space: " + lr);
        assertTrue(Double.parseDouble(best.group(3)) > 0, run.out);
        assertEquals(500L * Integer.parseInt(best.group(4)), Long.parseLong(best.group(5)), run.out);
        assertTrue(Double.parseDouble(best.group(6)) >= 8, "a CartPole episode lasts at least 8 steps:\n" + run.out);
        assertTrue(Pattern.compile("iterations: \\d+ of 9 ").matcher(run.out).find(), run.out);

        byte[] png = Files.readAllBytes(dir.resolve("tune-ppo.png"));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        List<String> csv = Files.readAllLines(dir.resolve("tune-ppo.csv"));
        assertEquals(4, csv.size(), "a header and one row per trial:\n" + csv);
        assertTrue(csv.get(0).contains("config/lr") && csv.get(0).contains("config/clipParam")
                && csv.get(0).contains("episode_return_mean"), csv.get(0));
    }

    @Test
    void trialsAndTheirEnvRunnersAreCountedTogetherSoNoTrialWaitsForever() {
        TunePpoDemo demo = new TunePpoDemo();
        CommandLine cli = new CommandLine(demo);
        cli.parseArgs("--env-runners", "2", "--runner-cpu", "0.5", "--cpu-per-trial", "1");
        assertEquals(1, demo.concurrentTrials(2));
        assertEquals(2, demo.concurrentTrials(4));
        cli.parseArgs("--cpu-per-trial", "0.5");
        assertEquals(4, demo.concurrentTrials(2));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Samples.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
