package dev.rayo.rl.runner;

import dev.rayo.rl.Env;
import dev.rayo.rl.EnvCreator;
import dev.rayo.rl.StepResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What one env runner keeps between {@link RolloutTask}s: its env, the episode in progress (so a rollout of N
 * steps continues where the last one stopped, as RLlib's samplers do), its random stream, the returns and
 * lengths of episodes finished since the last drain, and a per-runner cache. {@link #step} guards the env's
 * contract (action range, observation size) so a broken env fails with a message naming the problem instead
 * of corrupting a training batch. Used by one thread at a time (the runner's actor thread, or the driver).
 */
public final class RunnerState {
    private final Env env;
    private final int index;
    private final SplittableRandom random;
    private final SplittableRandom resetSeeds;
    private final Map<String, Object> cache = new HashMap<>();
    private final List<Double> episodeReturns = new ArrayList<>();
    private double[] observation;
    private double episodeReturn;
    private long timesteps;

    /**
     * A runner's state.
     *
     * @param creator makes this runner's env
     * @param index   the runner's index in its group
     * @param seed    seeds both the runner's random stream and its episodes' reset seeds
     */
    public RunnerState(EnvCreator creator, int index, long seed) {
        this.env = creator.create();
        if (env == null) {
            throw new IllegalArgumentException("env creator " + creator.getClass().getName() + " returned null");
        }
        this.index = index;
        SplittableRandom root = new SplittableRandom(seed);
        // Two independent streams: how much randomness a policy draws must not shift the episodes' seeds.
        this.resetSeeds = root.split();
        this.random = root.split();
    }

    /** The runner's env; step it through {@link #step} so the contract checks and episode tracking apply. */
    public Env env() {
        return env;
    }

    /** The runner's random stream (action sampling, exploration), fixed by the group's seed and the index. */
    public SplittableRandom random() {
        return random;
    }

    /** The runner's index in its group, 0-based. */
    public int index() {
        return index;
    }

    /** The current observation; starts an episode (with a fresh seed from the runner's stream) if none is running. */
    public double[] observation() {
        if (observation == null) {
            startEpisode();
        }
        return observation.clone();
    }

    /**
     * Applies {@code action} to the current episode. After a terminated or truncated step the episode's return and
     * length are recorded and a new episode starts, so the next {@link #observation()} is its first; the returned
     * result still carries the final observation (for bootstrapping a truncated episode).
     *
     * @throws IllegalArgumentException the action is outside {@code 0..numActions()-1}, or the env returned an
     *                                  observation of the wrong length
     */
    public StepResult step(int action) {
        if (observation == null) {
            startEpisode();
        }
        int n = env.numActions();
        if (action < 0 || action >= n) {
            throw new IllegalArgumentException("action " + action + " is out of range for env "
                    + env.getClass().getName() + ": expected 0.." + (n - 1) + " (numActions() = " + n + ")");
        }
        StepResult result = env.step(action);
        if (result == null) {
            throw new IllegalArgumentException("env " + env.getClass().getName() + " returned null from step");
        }
        EnvCheck.checkSize(env.getClass().getName(), "step", env.observationSize(), result.observation());
        if (!Double.isFinite(result.reward())) {
            throw new IllegalArgumentException("env " + env.getClass().getName() + " returned reward "
                    + result.reward());
        }
        timesteps++;
        episodeReturn += result.reward();
        if (result.terminated() || result.truncated()) {
            episodeReturns.add(episodeReturn);
            startEpisode();
        } else {
            observation = result.observation().clone();
        }
        return result;
    }

    /** Returns of the episodes finished since the last call, oldest first, and forgets them. */
    public List<Double> drainEpisodeReturns() {
        List<Double> out = new ArrayList<>(episodeReturns);
        episodeReturns.clear();
        return out;
    }

    /** How many steps this runner has taken in total. */
    public long timesteps() {
        return timesteps;
    }

    /** A per-runner memo that lives as long as the runner (e.g. ES's noise table, fetched once). */
    public Map<String, Object> cache() {
        return cache;
    }

    private void startEpisode() {
        double[] first = env.reset(resetSeeds.nextLong());
        EnvCheck.checkSize(env.getClass().getName(), "reset", env.observationSize(), first);
        observation = first.clone();
        episodeReturn = 0;
    }
}
