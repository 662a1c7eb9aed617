package dev.rayo.samples.tuneppo;

import dev.rayo.rl.Algorithm;
import dev.rayo.rl.CartPole;
import dev.rayo.rl.IterationResult;
import dev.rayo.rl.PPO;
import dev.rayo.rl.PPOConfig;
import dev.rayo.tune.Reporter;
import dev.rayo.tune.Trainable;
import dev.rayo.tune.TrialConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Tune trainable: one PPO on CartPole-v1 with the trial's {@code lr} and {@code clipParam}, one
 * {@link Algorithm#train()} per report. Each report carries {@code episode_return_mean} (what ASHA ranks and the
 * target stops on), the timesteps and the algorithm's {@link AlgorithmSnapshot}, so a trial that fails, is
 * restored or paused continues from its last iteration rather than from scratch. The fixed settings (batch size,
 * seed, env runners) travel with the trainable, so the trial config holds only what is searched.
 *
 * <p>With no env runners PPO samples in the trial actor's own thread, which holds the trial's CPU: the whole
 * trial is one busy thread on the CPU Tune reserved for it. With env runners each PPO starts its own runner
 * actors, which ask the cluster for {@code runnerCpu} each besides the trial's CPU.
 */
public final class PpoTrainable implements Trainable {
    /** Metric ASHA ranks by and the target stops on: the mean return of the episodes finished so far recently. */
    public static final String RETURN = "episode_return_mean";
    /** Env steps sampled since the trial's PPO was built. */
    public static final String TIMESTEPS = "timesteps_total";
    private static final long serialVersionUID = 1L;

    private final int trainBatchSize;
    private final long seed;
    private final int envRunners;
    private final double runnerCpu;

    /**
     * The settings every trial shares; they are fields, not trial config, so the table and CSV show the search.
     *
     * @param trainBatchSize env steps per iteration
     * @param seed           PPO's seed, the same in every trial so they differ only by the searched values
     * @param envRunners     env-runner actors per trial (0: sample in the trial actor)
     * @param runnerCpu      CPU each env runner holds
     */
    public PpoTrainable(int trainBatchSize, long seed, int envRunners, double runnerCpu) {
        this.trainBatchSize = trainBatchSize;
        this.seed = seed;
        this.envRunners = envRunners;
        this.runnerCpu = runnerCpu;
    }

    /** The PPO a fresh trial starts with. */
    PPOConfig ppoConfig(TrialConfig config) {
        return PPO.config()
                .env(CartPole::new)
                .lr(config.getDouble("lr"))
                .clipParam(config.getDouble("clipParam"))
                .trainBatchSize(trainBatchSize)
                .numEnvRunners(envRunners)
                .envRunnerResources(Map.of("CPU", runnerCpu))
                .seed(seed);
    }

    /** Trains until Tune stops the trial (ASHA's rungs, the target return or the iteration cap). */
    @Override
    public void train(TrialConfig config, Reporter reporter) {
        Optional<AlgorithmSnapshot> resume = reporter.checkpoint();
        // A resumed PPO keeps the config it was saved with: Rayo RL restores a checkpoint's own config only, so
        // after a PBT exploit the trial goes on with the donor's lr and clipParam, not its new config.
        Algorithm ppo = resume.map(s -> s.restore(CartPole::new)).orElseGet(() -> ppoConfig(config).build());
        try {
            double lastReturn = 0;
            while (true) {
                IterationResult r = ppo.train();
                // An iteration in which no episode ended has no mean (NaN): ASHA and the plot get the last one.
                if (!Double.isNaN(r.episodeReturnMean())) {
                    lastReturn = r.episodeReturnMean();
                }
                Map<String, Object> metrics = new LinkedHashMap<>();
                metrics.put(RETURN, lastReturn);
                metrics.put(TIMESTEPS, r.timestepsTotal());
                metrics.put("episodes_this_iter", r.episodesThisIter());
                metrics.put("time_this_iter_s", r.timeThisIterS());
                reporter.report(metrics, AlgorithmSnapshot.of(ppo));
            }
        } finally {
            ppo.stop();
        }
    }
}
