package dev.rayo.rl.a3c;

import dev.rayo.rl.StepResult;
import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.RolloutTask;
import dev.rayo.rl.runner.RunnerState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A3C's work on an env runner: sample one fragment (up to {@code fragmentLength} steps, ending early at an
 * episode's end) with the weights it was sent, and return the gradients of the actor-critic loss on it. The
 * weights travel inside the task because each runner gets its own, newest copy when its previous gradient was
 * applied; they are a few tens of kilobytes.
 */
public final class A3CGradientTask implements RolloutTask<Gradients> {

    private static final long serialVersionUID = 1L;

    private final double[] policyParams;
    private final double[] valueParams;
    private final Mlp policy;
    private final Mlp value;
    private final int fragmentLength;
    private final double gamma;
    private final double entropyCoeff;
    private final double vfLossCoeff;

    /** A task with these weights and loss settings (see {@link ActorCriticLoss}). */
    public A3CGradientTask(double[] policyParams, double[] valueParams, Mlp policy,
                           Mlp value, int fragmentLength, double gamma, double entropyCoeff,
                           double vfLossCoeff) {
        this.policyParams = policyParams;
        this.valueParams = valueParams;
        this.policy = policy;
        this.value = value;
        this.fragmentLength = fragmentLength;
        this.gamma = gamma;
        this.entropyCoeff = entropyCoeff;
        this.vfLossCoeff = vfLossCoeff;
    }

    /** Samples the fragment with the runner's own episodes and random stream, then differentiates the loss. */
    @Override
    public Gradients run(RunnerState state) {
        List<double[]> observations = new ArrayList<>();
        int[] actions = new int[fragmentLength];
        double[] rewards = new double[fragmentLength];
        double bootstrap = 0;
        int n = 0;
        while (n < fragmentLength) {
            double[] o = state.observation();
            int action = Categorical.sample(policy.forward(policyParams, o), state.random());
            StepResult r = state.step(action);
            observations.add(o);
            actions[n] = action;
            rewards[n] = r.reward();
            n++;
            if (r.terminated()) {
                break;
            }
            if (r.truncated() || n == fragmentLength) {
                bootstrap = value.forward(valueParams, r.observation())[0];
                break;
            }
        }
        double[] policyGrad = new double[policyParams.length];
        double[] valueGrad = new double[valueParams.length];
        new ActorCriticLoss(policy, value, gamma, entropyCoeff, vfLossCoeff).accumulate(policyParams, valueParams,
                observations.toArray(new double[0][]), Arrays.copyOf(actions, n),
                Arrays.copyOf(rewards, n), bootstrap, policyGrad, valueGrad);
        return new Gradients(policyGrad, valueGrad, n, state.drainEpisodeReturns().stream().mapToDouble(Double::doubleValue).toArray());
    }
}
