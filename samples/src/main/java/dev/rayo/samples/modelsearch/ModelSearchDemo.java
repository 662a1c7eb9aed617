package dev.rayo.samples.modelsearch;

import dev.rayo.samples.common.CpuOption;
import dev.rayo.samples.common.Progress;
import dev.rayo.samples.common.ProgressOption;
import dev.rayo.samples.common.RayoSession;
import dev.rayo.samples.common.SamplesVersion;
import dev.rayo.samples.common.TextTable;
import dev.rayo.samples.common.Timed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./rayo run model-search}: a random search over Smile random-forest settings on a
 * generated regression problem, serially and as Rayo tasks; prints every model's validation
 * RMSE, the best model, and both times.
 */
@Command(name = "model-search", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "Hyper-parameter search: random forests trained serially and as Rayo tasks.",
            "MODELS Smile random forests with random settings are trained on a generated",
            "regression problem (Friedman #1) and scored by validation RMSE, first one",
            "after another, then one Rayo task per model. Prints every score, the best",
            "model and the serial vs Rayo time. Each model trains on one core.",
            "Default --cpus: all cores (Rayo's embedded default).",
            "A bigger run: --rows 20000 --trees 300 --models 40"})
public final class ModelSearchDemo implements Callable<Integer> {
    @Option(names = "--models", paramLabel = "M", defaultValue = "20",
            description = "Models to train and score (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "6000",
            description = "Rows generated; the last quarter is the validation split (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--features", paramLabel = "P", defaultValue = "10",
            description = "Features per row, 5 of which matter (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--trees", paramLabel = "T", defaultValue = "100",
            description = "Trees per forest (default: ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "1.0",
            description = "Standard deviation of the noise on y: the best reachable RMSE (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7",
            description = "Seed of the data and of the search (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ProgressOption progressOption;

    @Mixin
    CpuOption cpuOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int trainRows = rows - rows / 4;
        if (models < 1 || trees < 1 || features < 5 || rows / 4 < 1 || trainRows < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "need --models >= 1, --trees >= 1, --features >= 5 and --rows >= 4");
        }
        PrintWriter console = spec.commandLine().getOut();
        Dataset data = Dataset.friedman(rows, features, noise, seed);
        ModelSearch search = new ModelSearch(data.rows(0, trainRows), data.rows(trainRows, rows));
        List<HyperParams> space = HyperParams.randomSearch(models, trees, features, seed);
        Timed<List<Score>> serial;
        Timed<List<Score>> rayo;
        try (RayoSession session = RayoSession.open(cpuOption.cpusOr(null))) {
            console.printf("model-search: %d random forests x %d trees, %d train / %d validation rows x %d features, "
                    + "%s CPUs%n", models, trees, trainRows, rows - trainRows, features, session.clusterCpusText());
            console.flush();
            warmUp(search, space.get(0));
            try (Progress progress = progressOption.start("model-search", 2L * models)) {
                serial = search.serial(space, progress);
                rayo = search.onRayo(space, progress);
            }
        }
        if (!serial.value().equals(rayo.value())) {
            throw new IllegalStateException("Rayo scores " + rayo.value() + " differ from serial " + serial.value());
        }
        Score best = ModelSearch.best(rayo.value());
        console.print(scoreTable(rayo.value(), best).render());
        console.println();
        console.printf("best: model %d (%s), validation RMSE %.4f (noise floor %.4f)%n",
                best.model(), describe(best.params()), best.rmse(), noise);
        console.println();
        console.print(timeTable(serial, rayo).render());
        console.flush();
        return 0;
    }

    /** Trains a small forest both ways first, so class loading and JIT don't land in the serial time. */
    private static void warmUp(ModelSearch search, HyperParams first) {
        HyperParams small = new HyperParams(Math.min(first.trees(), 3), first.maxDepth(), first.mtry(),
                first.nodeSize(), first.subsample(), first.seed());
        search.serial(List.of(small), Progress.silent(1));
        search.onRayo(List.of(small), Progress.silent(1));
    }

    /** One row per model, in search order; the best one is starred. */
    static TextTable scoreTable(List<Score> scores, Score best) {
        TextTable table = new TextTable("model", "max depth", "mtry", "node size", "subsample", "val RMSE", "best");
        for (Score s : scores) {
            HyperParams p = s.params();
            table.addRow(s.model(), p.maxDepth(), p.mtry(), p.nodeSize(), String.format("%.2f", p.subsample()),
                    String.format("%.4f", s.rmse()), s.equals(best) ? "*" : "");
        }
        return table;
    }

    /** Serial against Rayo: both wall times and the speed-up. */
    static TextTable timeTable(Timed<?> serial, Timed<?> rayo) {
        return new TextTable("run", "seconds", "speed-up")
                .addRow("serial", Timed.seconds(serial.seconds()), "1.00x")
                .addRow("rayo", Timed.seconds(rayo.seconds()), String.format("%.2fx", serial.seconds() / rayo.seconds()));
    }

    private static String describe(HyperParams p) {
        return String.format("%d trees, max depth %d, mtry %d, node size %d, subsample %.2f",
                p.trees(), p.maxDepth(), p.mtry(), p.nodeSize(), p.subsample());
    }
}
