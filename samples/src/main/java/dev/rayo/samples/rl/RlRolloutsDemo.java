package dev.rayo.samples.rl;

import dev.rayo.rl.A3C;
import dev.rayo.rl.Algorithm;
import dev.rayo.rl.CartPole;
import dev.rayo.rl.DQN;
import dev.rayo.rl.ES;
import dev.rayo.rl.IterationResult;
import dev.rayo.rl.PPO;
import dev.rayo.samples.common.RayoSession;
import dev.rayo.samples.common.SamplesVersion;
import dev.rayo.samples.common.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./rayo run rl-rollouts --algo ppo|es|a3c|dqn}: trains the algorithm on CartPole-v1 with env-runner actors
 * until the iteration's mean return reaches the target (or the iterations run out), one row per iteration, then
 * evaluates the greedy policy on 100 episodes and writes the learning curve to {@code out/rl-<algo>.png}.
 */
@Command(name = "rl-rollouts", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "Reinforcement learning on CartPole-v1 with env-runner actors (Rayo RL, like RLlib).",
            "Trains PPO, ES, A3C or DQN until the mean return of --eval-episodes greedy episodes",
            "reaches --target (evaluated once an iteration's mean return reaches half of it),",
            "prints one row per iteration, and writes the learning curve to out/rl-<algo>.png.",
            "--address HOST:PORT joins a running cluster; the env runners spread over its nodes."})
public final class RlRolloutsDemo implements Callable<Integer> {

    @Option(names = "--algo", paramLabel = "ALGO", required = true,
            description = "ppo, es, a3c or dqn.")
    String algo;

    @Option(names = "--env-runners", paramLabel = "N", defaultValue = "2",
            description = "Env-runner actors, 1 CPU each; 0 samples in the driver (default: ${DEFAULT-VALUE}).")
    int envRunners;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "200",
            description = "The most training iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--target", paramLabel = "RETURN",
            description = "Stop once the greedy evaluation reaches this (default: 475 for ppo and es, "
                    + "200 for a3c and dqn).")
    Double target;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the networks, the env runners and the episodes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-episodes", paramLabel = "N", defaultValue = "100",
            description = "Greedy episodes per evaluation (default: ${DEFAULT-VALUE}).")
    int evalEpisodes;

    @Option(names = "--address", paramLabel = "HOST:PORT",
            description = "Join this cluster instead of starting the embedded one.")
    String address;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the chart (default: out/rl-<algo>.png).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String name = algo.toLowerCase(Locale.ROOT);
        if (!List.of("ppo", "es", "a3c", "dqn").contains(name)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--algo must be ppo, es, a3c or dqn, was " + algo);
        }
        if (envRunners < 0 || iterations < 1 || evalEpisodes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "need --env-runners >= 0, --iterations >= 1 and --eval-episodes >= 1");
        }
        double goal = target != null ? target : (name.equals("ppo") || name.equals("es") ? 475 : 200);
        PrintWriter console = spec.commandLine().getOut();
        List<RlRow> rows = new ArrayList<>();
        double evaluation;
        boolean reached = false;
        try (RayoSession ignored = RayoSession.open(address, null)) {
            console.printf("rl-rollouts: %s on CartPole-v1, %d env runner%s, target %.0f, at most %d iterations%n",
                    name.toUpperCase(Locale.ROOT), envRunners, envRunners == 1 ? "" : "s", goal, iterations);
            console.flush();
            Algorithm algorithm = build(name);
            try {
                TextTable table = new TextTable("iter", "return mean", "episodes", "timesteps", "time (s)");
                console.println(String.join("  ", table.headers()));
                long start = System.nanoTime();
                long evaluatingNanos = 0;
                evaluation = Double.NaN;
                for (int i = 0; i < iterations && !reached; i++) {
                    IterationResult r = algorithm.train();
                    double seconds = (System.nanoTime() - start - evaluatingNanos) / 1e9;
                    console.printf("%4d  %11.1f  %8d  %9d  %8.1f%n", r.iteration(), r.episodeReturnMean(),
                            r.episodesThisIter(), r.timestepsTotal(), seconds);
                    console.flush();
                    // The target is the greedy policy's score, as in the tests: one good exploring iteration does
                    // not make a good greedy policy. Evaluating starts at half the target, to keep it cheap.
                    evaluation = Double.NaN;
                    if (r.episodeReturnMean() >= goal / 2) {
                        long t0 = System.nanoTime();
                        evaluation = algorithm.evaluate(evalEpisodes);
                        evaluatingNanos += System.nanoTime() - t0;
                        console.printf("      evaluate(%d) = %.1f%n", evalEpisodes, evaluation);
                        reached = evaluation >= goal;
                    }
                    rows.add(new RlRow(r.iteration(), r.episodeReturnMean(), r.episodesThisIter(), r.timestepsTotal(),
                            seconds, evaluation));
                }
                if (Double.isNaN(evaluation)) {
                    evaluation = algorithm.evaluate(evalEpisodes);
                }
            } finally {
                algorithm.stop();
            }
        }
        RlRow last = rows.get(rows.size() - 1);
        console.printf("%s: %s after %d iterations, %d timesteps, %.1f s; evaluation (%d greedy episodes): %.1f%n",
                name.toUpperCase(Locale.ROOT), reached ? "reached the target" : "stopped",
                last.iteration(), last.timesteps(), last.seconds(), evalEpisodes, evaluation);
        Path file = output != null ? output : Path.of("out", "rl-" + name + ".png");
        RlCurveChart.write(String.format("%s on CartPole-v1, %d env runners: evaluation %.1f",
                name.toUpperCase(Locale.ROOT), envRunners, evaluation), rows, goal, file);
        console.printf("chart: %s%n", file);
        console.flush();
        return 0;
    }

    private Algorithm build(String name) {
        return switch (name) {
            case "ppo" -> PPO.config().env(CartPole::new).numEnvRunners(envRunners).seed(seed).build();
            case "es" -> ES.config().env(CartPole::new).numEnvRunners(envRunners).seed(seed).build();
            case "a3c" -> A3C.config().env(CartPole::new).numEnvRunners(envRunners).seed(seed).build();
            default -> DQN.config().env(CartPole::new).numEnvRunners(envRunners).seed(seed).build();
        };
    }
}
