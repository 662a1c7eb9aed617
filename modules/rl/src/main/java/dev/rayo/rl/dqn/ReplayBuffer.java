package dev.rayo.rl.dqn;

import java.util.SplittableRandom;

/**
 * DQN's replay buffer in the learner: a ring of the last {@code capacity} transitions in flat arrays, sampled
 * uniformly, so updates decorrelate consecutive steps and reuse each one several times.
 */
public final class ReplayBuffer {

    private final int capacity;
    private final int obsSize;
    private final double[] observations;
    private final double[] nextObservations;
    private final int[] actions;
    private final double[] rewards;
    private final boolean[] terminated;
    private int next;
    private int size;

    /** An empty buffer for observations of {@code obsSize}. */
    public ReplayBuffer(int capacity, int obsSize) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("replayBufferCapacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.obsSize = obsSize;
        this.observations = new double[capacity * obsSize];
        this.nextObservations = new double[capacity * obsSize];
        this.actions = new int[capacity];
        this.rewards = new double[capacity];
        this.terminated = new boolean[capacity];
    }

    /** Appends a fragment, overwriting the oldest transitions once full. */
    public void add(Transitions t) {
        for (int i = 0; i < t.count(); i++) {
            System.arraycopy(t.observations(), i * obsSize, observations, next * obsSize, obsSize);
            System.arraycopy(t.nextObservations(), i * obsSize, nextObservations, next * obsSize, obsSize);
            actions[next] = t.actions()[i];
            rewards[next] = t.rewards()[i];
            terminated[next] = t.terminated()[i];
            next = (next + 1) % capacity;
            size = Math.min(size + 1, capacity);
        }
    }

    /** How many transitions it holds. */
    public int size() {
        return size;
    }

    /** {@code n} slots drawn uniformly with replacement. */
    public int[] sample(int n, SplittableRandom random) {
        if (size == 0) {
            throw new IllegalStateException("the replay buffer is empty");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = random.nextInt(size);
        }
        return idx;
    }

    /** The observation in slot {@code i} (a copy). */
    public double[] observation(int i) {
        return slice(observations, i);
    }

    /** The next observation in slot {@code i} (a copy). */
    public double[] nextObservation(int i) {
        return slice(nextObservations, i);
    }

    /** The action in slot {@code i}. */
    public int action(int i) {
        return actions[i];
    }

    /** The reward in slot {@code i}. */
    public double reward(int i) {
        return rewards[i];
    }

    /** Whether slot {@code i} ended its episode in a terminal state. */
    public boolean terminated(int i) {
        return terminated[i];
    }

    private double[] slice(double[] from, int i) {
        double[] out = new double[obsSize];
        System.arraycopy(from, i * obsSize, out, 0, obsSize);
        return out;
    }
}
