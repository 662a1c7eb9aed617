package dev.rayo.samples.paramserver;

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
 * {@code ./rayo run parameter-server}: linear regression trained by worker tasks and a
 * parameter-server actor (or {@code --shards K} server actors each owning a slice of the
 * weights); prints the loss per round, falling towards the noise floor.
 */
@Command(name = "parameter-server", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "Parameter-server training: gradient tasks, server actor(s) holding the weights.",
            "Learns a synthetic linear regression (y = Xw + noise, w known). Each round,",
            "WORKERS gradient tasks read the current weights from the server actor(s) and",
            "compute the gradient on their data shard (put once, passed by ref); the",
            "server(s) then step. Prints the loss per round and how close the learned",
            "weights are to the true ones.",
            "--shards K splits the weights over K server actors (same numbers, sharded).",
            "Default --cpus: all cores (Rayo's embedded default).",
            "A bigger run: --samples 400000 --features 200 --workers 8 --rounds 50"})
public final class ParameterServerDemo implements Callable<Integer> {
    @Option(names = "--samples", paramLabel = "N", defaultValue = "100000",
            description = "Training examples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--features", paramLabel = "D", defaultValue = "100",
            description = "Weights to learn (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "4",
            description = "Data shards, one gradient task each per round (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--shards", paramLabel = "K", defaultValue = "1",
            description = "Parameter-server actors, each owning a slice of the weights (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "20",
            description = "Training rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.2",
            description = "Gradient-descent step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.1",
            description = "Standard deviation of the noise on y (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the generated problem (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ProgressOption progressOption;

    @Mixin
    CpuOption cpuOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (samples < workers || workers < 1 || features < shards || shards < 1 || rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "need 1 <= --workers <= --samples, 1 <= --shards <= --features and --rounds >= 1");
        }
        PrintWriter console = spec.commandLine().getOut();
        LinearProblem problem = LinearProblem.generate(samples, features, workers, noise, seed);
        Timed<Training> run;
        try (RayoSession ignored = RayoSession.open(cpuOption.cpusOr(null))) {
            console.printf("parameter-server: %d samples x %d features in %d shards, %d server actor%s, "
                            + "%d rounds, learning rate %s%n",
                    samples, features, workers, shards, shards == 1 ? "" : "s", rounds, learningRate);
            console.flush();
            ParameterServer server = new ParameterServer(shards, learningRate);
            try (Progress progress = progressOption.start("parameter-server", rounds)) {
                run = Timed.of(() -> server.train(problem, rounds, progress));
            }
        }
        Training training = run.value();
        console.print(lossTable(training.roundLosses(), training.finalLoss()).render());
        console.printf("max |learned - true weight|: %.4f (noise floor of the loss: %.4f)%n",
                problem.maxWeightError(training.weights()), noise * noise);
        console.printf("training time: %s s%n", Timed.seconds(run.seconds()));
        console.flush();
        return 0;
    }

    /** One row per round (the loss at the weights it started from), then the final loss. */
    static TextTable lossTable(List<Double> roundLosses, double finalLoss) {
        TextTable table = new TextTable("round", "loss (MSE)");
        for (int r = 0; r < roundLosses.size(); r++) {
            table.addRow(r + 1, String.format("%.6f", roundLosses.get(r)));
        }
        return table.addRow("final", String.format("%.6f", finalLoss));
    }
}
