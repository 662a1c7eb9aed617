package dev.rayo.samples.tuneppo;

import dev.rayo.rl.Algorithm;
import dev.rayo.rl.CartPole;
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
 * {@code ./rayo run tune-ppo}: Rayo Tune's ASHA over Rayo RL's PPO on CartPole-v1, the two libraries together as
 * Ray Tune and RLlib are. Prints Tune's progress table as it goes, then the best trials, the best config with the
 * greedy evaluation of its last checkpoint, and how many iterations ASHA spent against running every trial to the
 * cap; writes the learning curves (PNG) and one CSV row per trial.
 */
@Command(name = "tune-ppo", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "Rayo Tune + Rayo RL: ASHA searches PPO's lr and clipParam on CartPole-v1.",
            "TRIALS configs, each a Tune trial actor holding --cpu-per-trial that builds",
            "its own PPO and reports episode_return_mean after every train(), with the",
            "PPO's state as checkpoint. A trial ends at --target, at --max-iterations,",
            "or when ASHA stops it at a rung (iterations GRACE x REDUCTION^k).",
            "Prints the progress table, the best config and the greedy evaluation of",
            "its checkpoint; writes OUT/tune-ppo.png and OUT/tune-ppo.csv.",
            "--address HOST:PORT joins a running cluster; trials spread over its nodes."})
public final class TunePpoDemo implements Callable<Integer> {
    private static final String METRIC = PpoTrainable.RETURN;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "8",
            description = "Configurations drawn from the search space (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "25",
            description = "Most PPO iterations any trial runs: ASHA's maxT (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--grace", paramLabel = "G", defaultValue = "4",
            description = "Iterations before ASHA's first rung (default: ${DEFAULT-VALUE}).")
    int grace;

    @Option(names = "--reduction", paramLabel = "R", defaultValue = "2",
            description = "ASHA keeps the best 1/R at each rung (default: ${DEFAULT-VALUE}).")
    double reduction;

    @Option(names = "--target", paramLabel = "RETURN", defaultValue = "475",
            description = "A trial ends once its episode_return_mean reaches this (default: ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--train-batch", paramLabel = "STEPS", defaultValue = "2000",
            description = "Env steps per PPO iteration (default: ${DEFAULT-VALUE}; RLlib's 4000 doubles the time).")
    int trainBatch;

    @Option(names = "--cpu-per-trial", paramLabel = "C", defaultValue = "1",
            description = "CPU each trial actor holds while its PPO samples and learns (default: ${DEFAULT-VALUE}).")
    double cpuPerTrial;

    @Option(names = "--env-runners", paramLabel = "N", defaultValue = "0",
            description = "Env-runner actors per trial; 0 samples inside the trial actor (default: ${DEFAULT-VALUE}).")
    int envRunners;

    @Option(names = "--runner-cpu", paramLabel = "C", defaultValue = "0.5",
            description = "CPU each env runner holds, besides its trial's (default: ${DEFAULT-VALUE}).")
    double runnerCpu;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the search-space draws and of every trial's PPO (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-episodes", paramLabel = "N", defaultValue = "20",
            description = "Greedy episodes that evaluate the best checkpoint (default: ${DEFAULT-VALUE}).")
    int evalEpisodes;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "Where the PNG and CSV go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--storage", paramLabel = "DIR",
            description = "Also write the experiment (trials, histories, checkpoints) to DIR/tune-ppo.")
    Path storage;

    @Option(names = "--table-seconds", paramLabel = "S", defaultValue = "5",
            description = "How often the progress table is printed (default: ${DEFAULT-VALUE}).")
    int tableSeconds;

    @Option(names = "--address", paramLabel = "HOST:PORT",
            description = "Join this cluster instead of starting the embedded one.")
    String address;

    @Mixin
    CpuOption cpuOption;

    @Spec
    CommandSpec spec;

    /** The search space: the learning rate on a log scale around PPO's default 1e-3, the clip range around 0.2. */
    static ParamSpace space() {
        return ParamSpace.builder()
                .logUniform("lr", 1e-4, 1e-2)
                .uniform("clipParam", 0.05, 0.4)
                .build();
    }

    @Override
    public Integer call() {
        checkFlags();
        PrintWriter console = spec.commandLine().getOut();
        long start = System.nanoTime();
        ResultGrid grid;
        double evaluation;
        try (RayoSession session = RayoSession.open(address, cpuOption.cpusOr(null))) {
            double cpus = Double.isNaN(session.clusterCpus()) ? 1 : session.clusterCpus();
            double perTrial = cpuPerTrial + envRunners * runnerCpu;
            if (perTrial > cpus + 1e-9) {
                throw new CommandLine.ParameterException(spec.commandLine(), String.format("a trial needs %s CPU "
                        + "(--cpu-per-trial %s + --env-runners %d x --runner-cpu %s) but the cluster has %s: it "
                        + "would wait forever", trim(perTrial), trim(cpuPerTrial), envRunners, trim(runnerCpu),
                        trim(cpus)));
            }
            int concurrent = concurrentTrials(cpus);
            console.printf("tune-ppo: %d PPO configs (lr, clipParam) on CartPole-v1 x up to %d iterations of %d steps,"
                            + " ASHA (grace %d, reduction %s), target %s; %s CPUs, %s CPU per trial, %s%n", trials,
                    maxIterations, trainBatch, grace, trim(reduction), trim(target), trim(cpus), trim(cpuPerTrial),
                    envRunners == 0 ? "sampling inside the trial actors"
                            : envRunners + " env runners of " + trim(runnerCpu) + " CPU per trial, " + concurrent
                            + " trials at once");
            console.flush();
            grid = tuner(concurrent, console).fit();
            evaluation = evaluateBest(grid);
        }
        report(grid, evaluation, (System.nanoTime() - start) / 1e9, console);
        return grid.errors().isEmpty() ? 0 : 1;
    }

    private void checkFlags() {
        if (trials < 1 || maxIterations < 1 || grace < 1 || grace > maxIterations || !(reduction > 1)
                || tableSeconds < 1 || evalEpisodes < 1 || trainBatch < 128 || envRunners < 0
                || !(cpuPerTrial > 0) || !(runnerCpu > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --trials >= 1, 1 <= --grace <= "
                    + "--max-iterations, --reduction > 1, --train-batch >= 128 (PPO's minibatch), "
                    + "--env-runners >= 0, --cpu-per-trial > 0, --runner-cpu > 0, --eval-episodes >= 1 and "
                    + "--table-seconds >= 1");
        }
    }

    /** The runtime this run uses, released by {@code close} without a checked exception. */

    /**
     * Trials that may run at once. Without env runners Tune's default (as many as the CPUs hold) is right. With
     * them, a trial also needs its runners' CPUs after it has started: if every CPU went to trial actors, each
     * trial would wait for runners that can never be placed. So the trial and its runners are counted together,
     * as Ray's placement-group bundles do.
     */
    int concurrentTrials(double cpus) {
        double perTrial = cpuPerTrial + envRunners * runnerCpu;
        return Math.max(1, (int) Math.floor(cpus / perTrial + 1e-9));
    }

    private Tuner tuner(int concurrent, PrintWriter console) {
        Tuner.Builder builder = Tuner.builder(new PpoTrainable(trainBatch, seed, envRunners, runnerCpu))
                .paramSpace(space())
                .numSamples(trials)
                .seed(seed)
                .metric(METRIC, Mode.MAX)
                .scheduler(Schedulers.asha().maxT(maxIterations).gracePeriod(grace).reductionFactor(reduction))
                .stop(Stop.any(Stop.metricAtLeast(METRIC, target), Stop.iterations(maxIterations)))
                .resourcesPerTrial(Map.of("CPU", cpuPerTrial))
                .progressInterval(Duration.ofSeconds(tableSeconds))
                .progressSink(table -> {
                    console.println(table);
                    console.flush();
                });
        if (envRunners > 0) {
            builder.maxConcurrentTrials(concurrent);
        }
        if (storage != null) {
            builder.storagePath(storage).name("tune-ppo");
        }
        return builder.build();
    }

    /** The best trial's last checkpoint, rebuilt in the driver and played greedily; NaN if it has none. */
    private double evaluateBest(ResultGrid grid) {
        Result best = grid.getBestResult();
        if (best == null || best.<AlgorithmSnapshot>checkpoint().isEmpty()) {
            return Double.NaN;
        }
        Algorithm ppo = best.<AlgorithmSnapshot>checkpoint().orElseThrow().restore(CartPole::new);
        try {
            return ppo.evaluate(evalEpisodes);
        } finally {
            ppo.stop();
        }
    }

    private void report(ResultGrid grid, double evaluation, double seconds, PrintWriter console) {
        console.println("best trials (highest episode_return_mean):");
        console.print(bestTable(grid.results(), 5).render());
        console.println();
        Result best = grid.getBestResult();
        console.printf("best: lr %.2e, clipParam %.3f -> episode_return_mean %.1f after %d iterations (%s timesteps);"
                        + " evaluate(%d) of its checkpoint: %.1f%n", (double) best.config().get("lr"),
                (double) best.config().get("clipParam"), best.metric(METRIC).orElse(Double.NaN), best.iterations(),
                best.metrics().get(PpoTrainable.TIMESTEPS), evalEpisodes, evaluation);
        int spent = grid.results().stream().mapToInt(Result::iterations).sum();
        long stopped = grid.results().stream().filter(r -> r.status() == TrialStatus.STOPPED).count();
        long reached = grid.results().stream().filter(r -> r.metric(METRIC).orElse(0.0) >= target).count();
        console.printf("iterations: %d of %d (%.0f%%) that running every trial to %d iterations would take; ASHA "
                        + "stopped %d of %d trials, %d reached the target %s%n", spent, trials * maxIterations,
                100.0 * spent / (trials * maxIterations), maxIterations, stopped, trials, reached, trim(target));
        if (!grid.errors().isEmpty()) {
            grid.errors().forEach(r -> console.printf("trial %s failed: %s%n", r.trialId(),
                    r.error().map(Throwable::toString).orElse("?")));
        }
        Path png = grid.plot(out.resolve("tune-ppo.png"), METRIC);
        Path csv = grid.writeCsv(out.resolve("tune-ppo.csv"));
        console.printf("wrote %s and %s; wall time %.1f s%n", png, csv, seconds);
        console.flush();
    }

    /** The {@code n} best trials by their last episode_return_mean. */
    static TextTable bestTable(List<Result> results, int n) {
        TextTable table = new TextTable("trial", "lr", "clipParam", "iterations", "timesteps", "return mean",
                "status");
        results.stream()
                .filter(r -> r.metric(METRIC).isPresent())
                .sorted(Comparator.comparingDouble((Result r) -> r.metric(METRIC).orElseThrow()).reversed())
                .limit(n)
                .forEach(r -> table.addRow(r.trialId(), String.format("%.2e", (double) r.config().get("lr")),
                        String.format("%.3f", (double) r.config().get("clipParam")), r.iterations(),
                        r.metrics().get(PpoTrainable.TIMESTEPS), String.format("%.1f", r.metric(METRIC).orElseThrow()),
                        r.status()));
        return table;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
