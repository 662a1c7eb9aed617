package dev.rayo.samples.tune;

import dev.rayo.samples.common.CpuOption;
import dev.rayo.samples.common.RayoSession;
import dev.rayo.samples.common.SamplesVersion;
import dev.rayo.samples.common.TextTable;
import dev.rayo.tune.Mode;
import dev.rayo.tune.ParamSpace;
import dev.rayo.tune.Result;
import dev.rayo.tune.ResultGrid;
import dev.rayo.tune.Schedulers;
import dev.rayo.tune.Stop;
import dev.rayo.tune.TrialStatus;
import dev.rayo.tune.Tuner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./rayo run tune-mpg}: Rayo Tune with ASHA on a real regression problem, the Auto MPG cars. Prints Tune's
 * progress table as it goes, then the best models, the best config against the mean predictor, and how many
 * epochs ASHA spent against running every trial to the end; writes the learning curves (PNG) and one CSV row per
 * trial.
 */
@Command(name = "tune-mpg", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "Hyper-parameter tuning with Rayo Tune and ASHA on a real data set.",
            "SAMPLES small neural networks (one hidden layer) learn the fuel consumption (mpg) of the",
            "392 cars of the Auto MPG data set (StatLib; shipped in the jar), each trial a Rayo actor,",
            "several at once. Each reports its validation RMSE after every epoch; ASHA stops the poor",
            "ones at epochs GRACE x REDUCTION^k. Prints the progress table, the best configs, and",
            "writes OUT/tune-mpg.png (curves) and OUT/tune-mpg.csv (one row per trial)."})
public final class TuneMpgDemo implements Callable<Integer> {
    private static final String METRIC = "val_rmse";

    @Option(names = "--samples", paramLabel = "N", defaultValue = "40",
            description = "Configurations drawn from the search space (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "60",
            description = "Most epochs any trial trains: ASHA's maxT (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--grace", paramLabel = "G", defaultValue = "3",
            description = "Epochs before ASHA's first rung (default: ${DEFAULT-VALUE}).")
    int grace;

    @Option(names = "--reduction", paramLabel = "R", defaultValue = "3",
            description = "ASHA keeps the best 1/R at each rung (default: ${DEFAULT-VALUE}).")
    double reduction;

    @Option(names = "--cpu-per-trial", paramLabel = "C", defaultValue = "0.5",
            description = "CPU each trial actor holds; 0.5 runs two trials per core (default: ${DEFAULT-VALUE}).")
    double cpuPerTrial;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "11",
            description = "Seed of the search-space draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "Where the PNG and CSV go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--table-seconds", paramLabel = "S", defaultValue = "5",
            description = "How often the progress table is printed (default: ${DEFAULT-VALUE}).")
    int tableSeconds;

    @Mixin
    CpuOption cpuOption;

    @Spec
    CommandSpec spec;

    /** The search space: learning rate and L2 on log scales, network width and batch size as choices. */
    static ParamSpace space() {
        return ParamSpace.builder()
                .logUniform("lr", 1e-3, 0.3)
                .logUniform("l2", 1e-6, 1e-2)
                .choice("hidden", 4, 8, 16, 32)
                .choice("batch", 8, 16, 32, 64)
                .build();
    }

    @Override
    public Integer call() {
        if (samples < 1 || epochs < 1 || grace < 1 || grace > epochs || tableSeconds < 1 || !(cpuPerTrial > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --samples >= 1, 1 <= --grace <= "
                    + "--epochs, --table-seconds >= 1 and --cpu-per-trial > 0");
        }
        PrintWriter console = spec.commandLine().getOut();
        AutoMpg data = AutoMpg.load();
        ResultGrid grid;
        try (RayoSession session = RayoSession.open(cpuOption.cpusOr(null))) {
            console.printf("tune-mpg: %d configs x up to %d epochs, ASHA (grace %d, reduction %s), Auto MPG %d train / "
                            + "%d validation cars x %d features, %s CPUs, %.2f CPU per trial%n", samples, epochs, grace,
                    trim(reduction), data.trainRows(), data.validRows(), data.features(), session.clusterCpusText(),
                    cpuPerTrial);
            console.flush();
            grid = Tuner.builder(MpgTrainable::train)
                    .paramSpace(space())
                    .numSamples(samples)
                    .seed(seed)
                    .metric(METRIC, Mode.MIN)
                    .scheduler(Schedulers.asha().maxT(epochs).gracePeriod(grace).reductionFactor(reduction))
                    .stop(Stop.iterations(epochs))
                    .resourcesPerTrial(Map.of("CPU", cpuPerTrial))
                    .progressInterval(Duration.ofSeconds(tableSeconds))
                    .progressSink(table -> {
                        console.println(table);
                        console.flush();
                    })
                    .build()
                    .fit();
        }
        Result best = grid.getBestResult();
        console.println("best models (lowest validation RMSE, mpg):");
        console.print(bestTable(grid.results(), 5).render());
        console.println();
        console.printf("best: %s -> validation RMSE %.3f mpg after %d epochs (always predicting the mean: %.3f)%n",
                describe(best.config()), best.metric(METRIC).orElseThrow(), best.iterations(), data.meanPredictorRmse());
        int spent = grid.results().stream().mapToInt(Result::iterations).sum();
        long stopped = grid.results().stream().filter(r -> r.status() == TrialStatus.STOPPED).count();
        console.printf("epochs: %d of %d (%.0f%%) that running every trial to %d epochs would take; ASHA stopped %d of "
                + "%d trials%n", spent, samples * epochs, 100.0 * spent / (samples * epochs), epochs, stopped, samples);
        Path png = grid.plot(out.resolve("tune-mpg.png"), METRIC);
        Path csv = grid.writeCsv(out.resolve("tune-mpg.csv"));
        console.printf("wrote %s and %s%n", png, csv);
        console.flush();
        return grid.errors().isEmpty() ? 0 : 1;
    }

    /** The {@code n} best trials by their last validation RMSE. */
    static TextTable bestTable(List<Result> results, int n) {
        TextTable table = new TextTable("trial", "lr", "l2", "hidden", "batch", "epochs", "val RMSE", "status");
        results.stream()
                .filter(r -> r.metric(METRIC).isPresent())
                .sorted(Comparator.comparingDouble(r -> r.metric(METRIC).orElseThrow()))
                .limit(n)
                .forEach(r -> table.addRow(r.trialId(), String.format("%.4f", (double) r.config().get("lr")),
                        String.format("%.1e", (double) r.config().get("l2")), r.config().get("hidden"),
                        r.config().get("batch"), r.iterations(), String.format("%.3f", r.metric(METRIC).orElseThrow()),
                        r.status()));
        return table;
    }

    private static String describe(Map<String, Object> c) {
        return String.format("lr %.4f, l2 %.1e, %s hidden units, batch %s", (double) c.get("lr"), (double) c.get("l2"),
                c.get("hidden"), c.get("batch"));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
