package dev.rayo.rl.dqn;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.EnvRunnerGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * DQN's driver side, as RLlib's training step: rounds of "every runner samples a fragment epsilon-greedily with the
 * current weights (put once per round), the fragments go into the replay buffer, the Q-learner replays
 * minibatches from it", with the target network synced every {@code targetNetworkUpdateFreq} sampled steps.
 */
public final class DqnLearner {

    /** Settings, RLlib's names where RLlib has one. */
    public record Settings(int replayBufferCapacity, int trainBatchSize, int targetNetworkUpdateFreq,
                           double epsilonInitial, double epsilonFinal, long epsilonTimesteps, boolean doubleQ,
                           double lr, double gamma, int rolloutFragmentLength, int timestepsPerIteration,
                           int learningStarts, double trainingIntensity, double gradClip) {
    }

    private final EnvRunnerGroup runners;
    private final Mlp q;
    private final QLearner learner;
    private final ReplayBuffer buffer;
    private final Settings settings;
    private final SplittableRandom random;
    private long timesteps;
    private long lastTargetSync;
    private double updatesOwed;

    /** A learner starting from {@code params} (updated in place). */
    public DqnLearner(EnvRunnerGroup runners, Mlp q, double[] params, Settings settings, long seed) {
        this.runners = runners;
        this.q = q;
        this.settings = settings;
        this.learner = new QLearner(q, params, settings.lr(), settings.gamma(), settings.doubleQ(), settings.gradClip());
        this.buffer = new ReplayBuffer(settings.replayBufferCapacity(), q.inputs());
        this.random = new SplittableRandom(seed);
    }

    /** One iteration: rounds until {@code timestepsPerIteration} steps were sampled; returns finished episodes' returns. */
    public List<Double> train() {
        List<Double> returns = new ArrayList<>();
        long start = timesteps;
        while (timesteps - start < settings.timestepsPerIteration()) {
            ObjectRef<double[]> weights = Rayo.put(learner.params().clone());
            List<Transitions> fragments = runners.runOnAll(
                    new DqnSampleTask(weights, q, settings.rolloutFragmentLength(), epsilon()));
            int sampled = 0;
            for (Transitions t : fragments) {
                buffer.add(t);
                sampled += t.count();
                for (double r : t.episodeReturns()) {
                    returns.add(r);
                }
            }
            timesteps += sampled;
            if (buffer.size() >= settings.learningStarts()) {
                // trainingIntensity replayed steps per sampled step, in minibatches of trainBatchSize
                updatesOwed += sampled * settings.trainingIntensity() / settings.trainBatchSize();
                for (; updatesOwed >= 1; updatesOwed--) {
                    learner.update(buffer, buffer.sample(settings.trainBatchSize(), random));
                }
            }
            if (timesteps - lastTargetSync >= settings.targetNetworkUpdateFreq()) {
                learner.syncTarget();
                lastTargetSync = timesteps;
            }
        }
        return returns;
    }

    /** The exploration rate now: linear from the initial to the final value over {@code epsilonTimesteps}. */
    public double epsilon() {
        double f = Math.min(1.0, timesteps / (double) Math.max(1, settings.epsilonTimesteps()));
        return settings.epsilonInitial() + f * (settings.epsilonFinal() - settings.epsilonInitial());
    }

    /** Environment steps sampled so far. */
    public long timestepsTotal() {
        return timesteps;
    }

    /** The Q-learner (its online and target parameters). */
    public QLearner qLearner() {
        return learner;
    }
}
