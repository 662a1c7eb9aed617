package dev.rayo.rl;

import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.EnvCheck;
import dev.rayo.rl.runner.EnvRunnerGroup;
import dev.rayo.rl.runner.EnvSpec;
import dev.rayo.rl.runner.RunnerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A reinforcement-learning algorithm (RLlib's Algorithm): {@link #train()} runs one iteration (sample with the
 * env runners, learn in the calling thread), {@link #evaluate} measures the greedy policy, {@link #computeAction}
 * serves it, {@link #save} and {@link Algorithms#restore} checkpoint it, {@link #stop} releases the runners.
 *
 * <p>This base class holds what every algorithm shares: the config, the checked env shape, the
 * {@link EnvRunnerGroup}, the driver's random stream, iteration bookkeeping (counting, timing, the return mean
 * of finished episodes) and the checkpoint format. A subclass supplies one iteration ({@link #runIteration}),
 * its policy ({@link #computeAction(double[], boolean)}) and its learnable state ({@link #state()} /
 * {@link #restoreState}). Not thread-safe: one thread drives an algorithm, as in RLlib.
 */
public abstract class Algorithm implements AutoCloseable {
    /** Salts the evaluation episodes' seeds so they never coincide with training episodes. */
    private static final long EVAL_SALT = 0x45A1_5EED_0000_0001L;

    private final AlgorithmConfig<?> config;
    private final EnvSpec spec;
    private final EnvRunnerGroup runners;
    private final SplittableRandom random;
    private final List<IterationResult> history = new ArrayList<>();
    private int iteration;
    private long timestepsTotal;
    private boolean stopped;

    /**
     * Checks {@code config} and its env and starts the env runners.
     *
     * @throws IllegalArgumentException a bad setting, a non-serializable env creator, or an env that breaks its
     *                                  contract (naming expected and actual sizes)
     */
    protected Algorithm(AlgorithmConfig<?> config) {
        config.validate();
        EnvCheck.checkSerializable(config.env()); // before copy(), which would fail less clearly
        this.config = config.copy();
        this.runners = new EnvRunnerGroup(config.env(), config.numEnvRunners(), config.envRunnerResources(),
                config.seed());
        this.spec = runners.spec();
        this.random = new SplittableRandom(config.seed() ^ 0x1EA2_4E12L);
    }

    /** One iteration's raw outcome, from which {@link #train()} builds the {@link IterationResult}. */
    protected record Outcome(long timesteps, List<Double> episodeReturns, Map<String, Double> metrics) {
    }

    /** Samples and learns once; {@link #train()} adds the bookkeeping. */
    protected abstract Outcome runIteration();

    /**
     * The policy's action for {@code observation}: greedy, or sampled from the policy (epsilon-greedy for DQN)
     * when {@code explore}, drawing from the driver's random stream.
     *
     * @throws IllegalArgumentException the observation's size differs from the env's
     */
    public abstract int computeAction(double[] observation, boolean explore);

    /** Everything learned (weights, optimizer-free), by name, as saved in a checkpoint. */
    protected abstract Map<String, double[]> state();

    /** Puts back what {@link #state()} returned and re-broadcasts it where needed. */
    protected abstract void restoreState(Map<String, double[]> state);

    /** Runs one training iteration and reports it. */
    public final IterationResult train() {
        checkRunning();
        long start = System.nanoTime();
        Outcome outcome = runIteration();
        double seconds = (System.nanoTime() - start) / 1e9;
        iteration++;
        timestepsTotal += outcome.timesteps();
        IterationResult result = new IterationResult(iteration, mean(outcome.episodeReturns()),
                outcome.episodeReturns().size(), timestepsTotal, seconds, outcome.timesteps(), outcome.metrics());
        history.add(result);
        return result;
    }

    /**
     * The mean return of {@code episodes} greedy episodes, run in the calling thread on a fresh env. Episodes are
     * seeded from the config's seed, so two calls on the same weights give the same score.
     */
    public double evaluate(int episodes) {
        if (episodes <= 0) {
            throw new IllegalArgumentException("episodes must be positive, got " + episodes);
        }
        RunnerState eval = new RunnerState(config.env(), -1, config.seed() ^ EVAL_SALT);
        double sum = 0;
        int done = 0;
        while (done < episodes) {
            eval.step(computeAction(eval.observation(), false));
            for (double r : eval.drainEpisodeReturns()) {
                sum += r;
                done++;
            }
        }
        return sum / episodes;
    }

    /** The greedy action for {@code observation}. */
    public final int computeAction(double[] observation) {
        return computeAction(observation, false);
    }

    /** Writes the algorithm's name, config and learned state to {@code dir} (created if missing). */
    public void save(Path dir) {
        Checkpoint.write(dir, new Checkpoint(config.algorithmName(), config, state(), iteration, timestepsTotal));
    }

    /** Kills the env runners; idempotent. The algorithm cannot train afterwards. */
    public void stop() {
        stopped = true;
        runners.close();
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    /** The iterations run so far. */
    public int iteration() {
        return iteration;
    }

    /** The env steps sampled so far. */
    public long timestepsTotal() {
        return timestepsTotal;
    }

    /** Every iteration's result, oldest first: the learning curve. */
    public List<IterationResult> history() {
        return Collections.unmodifiableList(history);
    }

    /**
     * A copy of the config this algorithm was built from: changing it changes nothing here. Not named
     * {@code config()}: that name is each algorithm's static factory ({@code PPO.config()}), and a static method
     * cannot hide an instance one.
     */
    public AlgorithmConfig<?> algorithmConfig() {
        return config.copy();
    }

    /** The config this algorithm runs with, for the algorithm itself: not to be changed. */
    protected AlgorithmConfig<?> settings() {
        return config;
    }

    /** The env's shape. */
    protected EnvSpec spec() {
        return spec;
    }

    /** The env runners. */
    protected EnvRunnerGroup runners() {
        return runners;
    }

    /**
     * The env runners, for tools that run their own {@link dev.rayo.rl.runner.RolloutTask}s on them (RLlib's
     * {@code algo.env_runner_group.foreach_env_runner}): where they run, how often they were replaced. Not for use
     * while another thread is in {@link #train()}.
     */
    public EnvRunnerGroup envRunnerGroup() {
        return runners;
    }

    /** The driver's random stream (learner-side sampling: minibatch order, exploration in computeAction). */
    protected SplittableRandom random() {
        return random;
    }

    /**
     * The action of policy {@code net} with {@code params} for {@code observation}: the arg-max, or with
     * {@code explore} a sample from the logits' softmax; checks the observation's size first.
     */
    protected final int policyAction(Mlp net, double[] params, double[] observation, boolean explore) {
        checkObservation(observation);
        double[] logits = net.forward(params, observation);
        return explore ? Categorical.sample(logits, random()) : Categorical.argmax(logits);
    }

    /** Throws an {@link IllegalArgumentException} naming the sizes if {@code observation} does not fit the env. */
    protected void checkObservation(double[] observation) {
        if (observation == null || observation.length != spec.observationSize()) {
            throw new IllegalArgumentException("observation has size "
                    + (observation == null ? "null" : String.valueOf(observation.length)) + ", expected "
                    + spec.observationSize() + " (the env's observationSize())");
        }
    }

    /**
     * {@code state.get(name)}, checked to hold {@code length} numbers: a checkpoint made for another env or network
     * shape fails here with both sizes named, not later with an index error.
     */
    protected static double[] stateEntry(Map<String, double[]> state, String name, int length) {
        double[] v = state.get(name);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint has no '" + name + "' entry; it has " + state.keySet());
        }
        if (v.length != length) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' has " + v.length
                    + " numbers, expected " + length + " (a different env or hidden layers?)");
        }
        return v.clone();
    }

    /** Restores the counters from a checkpoint. */
    final void restoreCounters(int iteration, long timestepsTotal) {
        this.iteration = iteration;
        this.timestepsTotal = timestepsTotal;
    }

    private void checkRunning() {
        if (stopped) {
            throw new IllegalStateException(config.algorithmName() + " was stopped");
        }
    }

    private static double mean(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.size();
    }
}
