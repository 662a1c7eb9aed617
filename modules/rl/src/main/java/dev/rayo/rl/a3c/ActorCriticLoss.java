package dev.rayo.rl.a3c;

import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;

/**
 * A3C's loss on one fragment and its gradients, summed over the fragment's steps as in Mnih et al. (2016):
 * {@code -log pi(a|s) * A - entropyCoeff * H(pi(.|s)) + vfLossCoeff * 0.5 * (V(s) - R)^2}, where R is the discounted
 * return bootstrapped from the value of the state after the fragment, and {@code A = R - V(s)} is held constant.
 */
public final class ActorCriticLoss {

    private final Mlp policy;
    private final Mlp value;
    private final double gamma;
    private final double entropyCoeff;
    private final double vfLossCoeff;

    /**
     * @param policy       the policy network (logits)
     * @param value        the value network (one output)
     * @param gamma        the discount
     * @param entropyCoeff the weight of the entropy bonus
     * @param vfLossCoeff  the weight of the value loss
     */
    public ActorCriticLoss(Mlp policy, Mlp value, double gamma, double entropyCoeff, double vfLossCoeff) {
        this.policy = policy;
        this.value = value;
        this.gamma = gamma;
        this.entropyCoeff = entropyCoeff;
        this.vfLossCoeff = vfLossCoeff;
    }

    /**
     * Adds the fragment's gradients to {@code policyGrad} and {@code valueGrad}.
     *
     * @param observations the states, in order
     * @param actions      the actions taken in them
     * @param rewards      the rewards that followed
     * @param bootstrap    the value of the state after the last step (0 if it was terminal)
     */
    public void accumulate(double[] policyParams, double[] valueParams, double[][] observations, int[] actions,
                           double[] rewards, double bootstrap, double[] policyGrad, double[] valueGrad) {
        double ret = bootstrap;
        double[] dValue = new double[1];
        for (int t = actions.length - 1; t >= 0; t--) {
            ret = rewards[t] + gamma * ret;
            Mlp.Pass v = value.forwardPass(valueParams, observations[t]);
            double advantage = ret - v.output()[0];
            dValue[0] = -vfLossCoeff * advantage;
            value.backward(valueParams, v, dValue, valueGrad);
            Mlp.Pass p = policy.forwardPass(policyParams, observations[t]);
            policy.backward(policyParams, p, logitsGradient(p.output(), actions[t], advantage), policyGrad);
        }
    }

    /**
     * d/dlogits of {@code -log pi(a) * A - entropyCoeff * H}: {@code (pi - onehot(a)) * A} for the first term and
     * {@code entropyCoeff * pi_i * (log pi_i + H)} for the second.
     */
    double[] logitsGradient(double[] logits, int action, double advantage) {
        double[] p = Categorical.softmax(logits);
        double entropy = 0;
        for (double pi : p) {
            entropy -= pi > 0 ? pi * Math.log(pi) : 0;
        }
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double logPi = p[i] > 0 ? Math.log(p[i]) : 0;
            d[i] = (p[i] - (i == action ? 1 : 0)) * advantage + entropyCoeff * p[i] * (logPi + entropy);
        }
        return d;
    }
}
