package dev.rayo.samples.modelsearch;

import dev.rayo.api.RayoConfig;
import dev.rayo.samples.common.Progress;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every model is scored, the best is the lowest RMSE, and Rayo agrees with the serial run to the bit. */
class ModelSearchTest {
    private static final Dataset DATA = Dataset.friedman(300, 6, 0.5, 1);
    private static final Dataset TRAIN = DATA.rows(0, 225);
    private static final Dataset VALIDATION = DATA.rows(225, 300);
    private static final List<HyperParams> MODELS = HyperParams.randomSearch(4, 10, 6, 3);

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(4).build());

    @Test
    void serialAndRayoScoreEveryModelTheSameAndPickTheSameBest() {
        ModelSearch search = new ModelSearch(TRAIN, VALIDATION);
        List<Score> serial = search.serial(MODELS, Progress.silent(MODELS.size())).value();
        List<Score> rayo = search.onRayo(MODELS, Progress.silent(MODELS.size())).value();

        assertEquals(MODELS.size(), serial.size());
        for (int i = 0; i < MODELS.size(); i++) {
            assertEquals(i, serial.get(i).model());
            assertEquals(MODELS.get(i), serial.get(i).params());
            assertTrue(serial.get(i).rmse() > 0 && Double.isFinite(serial.get(i).rmse()), serial.toString());
        }
        assertEquals(serial, rayo, "same settings and seeds must give the same scores on Rayo");

        Score best = ModelSearch.best(rayo);
        assertEquals(ModelSearch.best(serial), best);
        for (Score s : rayo) {
            assertTrue(best.rmse() <= s.rmse(), best + " is not better than " + s);
        }
        assertTrue(best.rmse() < standardDeviation(VALIDATION.y()),
                "the best forest should beat predicting the mean: " + best);
    }

    @Test
    void theSearchSpaceAndTheDataAreFixedBySeeds() {
        assertEquals(MODELS, HyperParams.randomSearch(4, 10, 6, 3));
        for (HyperParams p : MODELS) {
            assertEquals(10, p.trees());
            assertTrue(p.mtry() >= 1 && p.mtry() <= 6 && p.maxDepth() >= 2 && p.seed() > 1, p.toString());
        }
        Dataset again = Dataset.friedman(300, 6, 0.5, 1);
        assertEquals(DATA.y()[299], again.y()[299]);
        assertEquals(6, DATA.features());
    }

    @Test
    void theCommandPrintsEveryModelAndTheBest() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ModelSearchDemo());
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--models", "3", "--rows", "200", "--trees", "5", "--no-progress"));
        String text = out.toString();
        assertTrue(text.startsWith("model-search: 3 random forests x 5 trees, 150 train / 50 validation rows x 10 features"),
                text);
        for (int m = 0; m < 3; m++) {
            assertTrue(text.matches("(?s).*\\n\\s*" + m + "(\\s+\\S+){4}\\s+\\d+\\.\\d{4}\\s*\\*?\\n.*"),
                    "no row for model " + m + ":\n" + text);
        }
        assertEquals(1, text.split("\\*", -1).length - 1, "exactly one model is starred:\n" + text);
        assertTrue(text.contains("best: model "), text);
        assertTrue(text.matches("(?s).*\\n\\s*serial\\s+\\d+\\.\\d\\d\\s+1\\.00x\\n.*"), text);
        assertTrue(text.matches("(?s).*\\n\\s*rayo\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\dx\\n.*"), text);
    }

    private static double standardDeviation(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length);
    }
}
