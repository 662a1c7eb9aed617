package dev.rayo.rl;

import dev.rayo.rl.dqn.DqnLearner;

import java.util.Map;

/**
 * DQN's settings (RLlib's names). Defaults learn CartPole-v1 on two env runners: each round every runner samples
 * {@link #rolloutFragmentLength} steps, and every sampled step is replayed {@link #trainingIntensity} times.
 */
public final class DQNConfig extends AlgorithmConfig<DQNConfig> {
    private static final long serialVersionUID = 1L;

    private int replayBufferCapacity = 50_000;
    private int trainBatchSize = 32;
    private int targetNetworkUpdateFreq = 1000;
    private double epsilonInitial = 1.0;
    private double epsilonFinal = 0.02;
    private long epsilonTimesteps = 10_000;
    private boolean doubleQ = true;
    private int rolloutFragmentLength = 16;
    private int timestepsPerIteration = 1000;
    private int learningStarts = 1000;
    private double trainingIntensity = 8;
    private double gradClip = 40;

    DQNConfig() {
        super(5e-4);
    }

    @Override
    public String algorithmName() {
        return "DQN";
    }

    @Override
    public DQN build() {
        return new DQN(this);
    }

    /** Sets how many transitions the replay buffer keeps. */
    public DQNConfig replayBufferCapacity(int n) {
        this.replayBufferCapacity = requirePositive("replayBufferCapacity", n);
        return this;
    }

    /** Transitions the replay buffer keeps. */
    public int replayBufferCapacity() {
        return replayBufferCapacity;
    }

    /** Sets the minibatch size of one Q update. */
    public DQNConfig trainBatchSize(int n) {
        this.trainBatchSize = requirePositive("trainBatchSize", n);
        return this;
    }

    /** The minibatch size. */
    public int trainBatchSize() {
        return trainBatchSize;
    }

    /** Sets how many sampled steps pass between copies of the online network into the target network. */
    public DQNConfig targetNetworkUpdateFreq(int steps) {
        this.targetNetworkUpdateFreq = requirePositive("targetNetworkUpdateFreq", steps);
        return this;
    }

    /** Sampled steps between target-network syncs. */
    public int targetNetworkUpdateFreq() {
        return targetNetworkUpdateFreq;
    }

    /** Sets the exploration schedule: epsilon falls linearly from {@code initial} to {@code last} over {@code timesteps}. */
    public DQNConfig epsilon(double initial, double last, long timesteps) {
        if (!(initial >= 0 && initial <= 1 && last >= 0 && last <= 1) || timesteps < 0) {
            throw new IllegalArgumentException("epsilon needs initial and final in [0, 1] and timesteps >= 0, got "
                    + initial + ", " + last + ", " + timesteps);
        }
        this.epsilonInitial = initial;
        this.epsilonFinal = last;
        this.epsilonTimesteps = timesteps;
        return this;
    }

    /** Whether targets use double Q. */
    public boolean doubleQ() {
        return doubleQ;
    }

    /** Sets double Q: the online network picks the next action, the target network values it. Default on. */
    public DQNConfig doubleQ(boolean on) {
        this.doubleQ = on;
        return this;
    }

    /** Sets the steps each runner samples per round. */
    public DQNConfig rolloutFragmentLength(int n) {
        this.rolloutFragmentLength = requirePositive("rolloutFragmentLength", n);
        return this;
    }

    /** Sets the sampled steps per iteration. */
    public DQNConfig timestepsPerIteration(int n) {
        this.timestepsPerIteration = requirePositive("timestepsPerIteration", n);
        return this;
    }

    /** Sets the buffer size before the first update. */
    public DQNConfig learningStarts(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("learningStarts must be >= 0, got " + n);
        }
        this.learningStarts = n;
        return this;
    }

    /** Sets how many times each sampled step is replayed on average. */
    public DQNConfig trainingIntensity(double n) {
        this.trainingIntensity = requirePositive("trainingIntensity", n);
        return this;
    }

    /** The learner's settings. */
    DqnLearner.Settings settings() {
        return new DqnLearner.Settings(replayBufferCapacity, trainBatchSize, targetNetworkUpdateFreq, epsilonInitial,
                epsilonFinal, epsilonTimesteps, doubleQ, lr(), gamma(), rolloutFragmentLength, timestepsPerIteration,
                learningStarts, trainingIntensity, gradClip);
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = super.toMap();
        m.put("settings", settings());
        return m;
    }
}
