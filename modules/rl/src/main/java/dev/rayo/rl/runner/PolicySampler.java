package dev.rayo.rl.runner;

import dev.rayo.rl.StepResult;
import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;
import java.util.List;

/**
 * Samples steps from a runner's env with a categorical policy network and, optionally, a value network: the
 * rollout half of on-policy algorithms (PPO, A3C), run inside a {@link RolloutTask} on the runner. Episodes carry
 * over between calls, as the runner's state does.
 */
public final class PolicySampler {
    private PolicySampler() {
    }

    /**
     * Samples {@code steps} steps.
     *
     * @param state        the runner's state
     * @param policy       the policy network (logits over actions)
     * @param policyParams its parameters
     * @param value        the value network, or null (values then are 0)
     * @param valueParams  its parameters, or null
     * @param steps        how many steps
     * @param explore      sample actions (true) or take the greedy one
     */
    public static SampleBatch sample(RunnerState state, Mlp policy, double[] policyParams, Mlp value,
            double[] valueParams, int steps, boolean explore) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        double[][] obs = new double[steps][];
        int[] actions = new int[steps];
        double[] rewards = new double[steps];
        boolean[] dones = new boolean[steps];
        double[][] logits = new double[steps][];
        double[] values = new double[steps];
        double[] nextValues = new double[steps];
        boolean[] needsBootstrap = new boolean[steps];
        double[][] finalObs = new double[steps][];
        for (int t = 0; t < steps; t++) {
            double[] o = state.observation();
            obs[t] = o;
            logits[t] = policy.forward(policyParams, o);
            values[t] = value == null ? 0 : value.forward(valueParams, o)[0];
            int a = explore ? Categorical.sample(logits[t], state.random()) : Categorical.argmax(logits[t]);
            actions[t] = a;
            StepResult r = state.step(a);
            rewards[t] = r.reward();
            dones[t] = r.terminated() || r.truncated();
            // Bootstrap from V(s') unless terminal: after truncation s' is the final observation, at the
            // fragment's end it is where the next fragment continues.
            if (!r.terminated() && (r.truncated() || t == steps - 1)) {
                needsBootstrap[t] = true;
                finalObs[t] = r.observation();
            }
        }
        for (int t = 0; t < steps; t++) {
            if (needsBootstrap[t]) {
                nextValues[t] = value == null ? 0 : value.forward(valueParams, finalObs[t])[0];
            } else if (!dones[t]) {
                nextValues[t] = values[t + 1];
            }
        }
        List<Double> returns = state.drainEpisodeReturns();
        return new SampleBatch(obs, actions, rewards, dones, logits, values, nextValues, returns);
    }
}
