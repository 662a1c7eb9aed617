package dev.rayo.rl.runner;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive steps one runner sampled with a policy (RLlib's SampleBatch for on-policy learners): per step the
 * observation, action, reward, episode flags, the policy's logits (for log-probabilities and KL), the value
 * estimate of the observation, and the value to bootstrap from after the step (0 when terminated, V(final
 * observation) when truncated or at the fragment's end). Plus the returns of episodes that finished while sampling.
 * {@link #advantages} computes GAE from it, on the runner, so only the batch travels back.
 *
 * @param obs            observations, one per step
 * @param actions        the actions taken
 * @param rewards        the rewards received
 * @param dones          whether the step ended its episode (terminated or truncated)
 * @param logits         the policy's logits at each observation
 * @param values         V(obs) per step (zeros without a value network)
 * @param nextValues     the bootstrap value after each step
 * @param episodeReturns returns of the episodes finished during sampling
 */
public record SampleBatch(double[][] obs, int[] actions, double[] rewards, boolean[] dones, double[][] logits,
        double[] values, double[] nextValues, List<Double> episodeReturns) implements Serializable {

    /** The number of steps. */
    public int size() {
        return actions.length;
    }

    /**
     * Generalized advantage estimates (Schulman et al. 2016): {@code delta_t = r_t + gamma V_next_t - V_t},
     * {@code A_t = delta_t + gamma lambda A_{t+1}} within an episode. {@code lambda = 1} gives Monte-Carlo
     * advantages bootstrapped at the fragment's end, {@code lambda = 0} one-step TD errors.
     */
    public double[] advantages(double gamma, double lambda) {
        int n = size();
        double[] adv = new double[n];
        double next = 0;
        for (int t = n - 1; t >= 0; t--) {
            double delta = rewards[t] + gamma * nextValues[t] - values[t];
            next = delta + (dones[t] || t == n - 1 ? 0 : gamma * lambda * next);
            adv[t] = next;
        }
        return adv;
    }

    /** The batches' steps end to end, in order (one learner batch from all runners' fragments). */
    public static SampleBatch concat(List<SampleBatch> batches) {
        int n = 0;
        for (SampleBatch b : batches) {
            n += b.size();
        }
        double[][] obs = new double[n][];
        int[] actions = new int[n];
        double[] rewards = new double[n];
        boolean[] dones = new boolean[n];
        double[][] logits = new double[n][];
        double[] values = new double[n];
        double[] nextValues = new double[n];
        List<Double> returns = new ArrayList<>();
        int at = 0;
        for (SampleBatch b : batches) {
            int k = b.size();
            System.arraycopy(b.obs, 0, obs, at, k);
            System.arraycopy(b.actions, 0, actions, at, k);
            System.arraycopy(b.rewards, 0, rewards, at, k);
            System.arraycopy(b.dones, 0, dones, at, k);
            System.arraycopy(b.logits, 0, logits, at, k);
            System.arraycopy(b.values, 0, values, at, k);
            System.arraycopy(b.nextValues, 0, nextValues, at, k);
            returns.addAll(b.episodeReturns);
            at += k;
        }
        return new SampleBatch(obs, actions, rewards, dones, logits, values, nextValues, returns);
    }
}
