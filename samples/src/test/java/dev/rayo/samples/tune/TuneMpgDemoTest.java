package dev.rayo.samples.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.api.RayoConfig;
import dev.rayo.samples.Samples;
import dev.rayo.testing.RayoRuntimeExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./rayo run tune-mpg} with a small budget: the table, the best config, the PNG and the CSV. */
class TuneMpgDemoTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void theDataIsTheRealAutoMpgSplitOnce() {
        AutoMpg data = AutoMpg.load();
        assertEquals(392, data.trainRows() + data.validRows());
        assertEquals(313, data.trainRows());
        assertEquals(9, data.features());
        // mpg spreads over about 7.8: the bar a model has to clear.
        assertEquals(7.8, data.meanPredictorRmse(), 0.5);
    }

    @Test
    void tunesWithAshaPrintsTheTableAndTheBestAndWritesThePlotAndCsv(@TempDir Path dir) throws IOException {
        Run run = run("tune-mpg", "--samples", "6", "--epochs", "6", "--grace", "2", "--reduction", "3",
                "--out", dir.toString());
        assertEquals(0, run.code, run.err + run.out);
        assertTrue(run.out.contains("== Status =="), "the progress table:\n" + run.out);
        assertTrue(run.out.contains("best models"), run.out);
        Matcher best = Pattern.compile("validation RMSE ([0-9.]+) mpg .*always predicting the mean: ([0-9.]+)")
                .matcher(run.out);
        assertTrue(best.find(), run.out);
        assertTrue(Double.parseDouble(best.group(1)) < Double.parseDouble(best.group(2)),
                "the best network beats the mean predictor:\n" + run.out);
        Matcher epochs = Pattern.compile("epochs: (\\d+) of 36").matcher(run.out);
        assertTrue(epochs.find(), run.out);
        assertTrue(Integer.parseInt(epochs.group(1)) < 36, "ASHA stopped some trials early:\n" + run.out);

        byte[] png = Files.readAllBytes(dir.resolve("tune-mpg.png"));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        List<String> csv = Files.readAllLines(dir.resolve("tune-mpg.csv"));
        assertEquals(7, csv.size(), "a header and one row per trial");
        assertTrue(csv.get(0).contains("config/lr") && csv.get(0).contains("val_rmse"), csv.get(0));
    }

    @Test
    void badFlagsAreRejectedAndTheSampleStillRuns(@TempDir Path dir) {
        Run bad = run("tune-mpg", "--grace", "0");
        assertNotEquals(0, bad.code);
        assertTrue(bad.err.contains("--grace"), bad.err);
        Run ok = run("tune-mpg", "--samples", "2", "--epochs", "2", "--grace", "1", "--out", dir.toString());
        assertEquals(0, ok.code, ok.err + ok.out);
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
