package dev.rayo.rl.a3c;

import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The actor-critic loss's gradients against finite differences of the loss itself. */
class ActorCriticLossTest {

    private static final double GAMMA = 0.9;
    private static final double ENTROPY = 0.05;
    private static final double VF = 0.5;

    private final Mlp policy = new Mlp(3, new int[] {5}, 2);
    private final Mlp value = new Mlp(3, new int[] {4}, 1);
    private final double[][] obs = {{0.1, -0.2, 0.3}, {0.5, 0.1, -0.4}, {-0.3, 0.2, 0.1}};
    private final int[] actions = {1, 0, 1};
    private final double[] rewards = {1, 1, 1};
    private final double bootstrap = 0.7;

    @Test
    void gradientsMatchFiniteDifferences() {
        double[] p = policy.init(1, 1.0);
        double[] v = value.init(2, 1.0);
        double[] gp = new double[p.length];
        double[] gv = new double[v.length];
        new ActorCriticLoss(policy, value, GAMMA, ENTROPY, VF).accumulate(p, v, obs, actions, rewards, bootstrap, gp, gv);
        double[] advantages = advantages(v);
        for (int i = 0; i < p.length; i++) {
            double h = 1e-6;
            p[i] += h;
            double up = policyLoss(p, advantages);
            p[i] -= 2 * h;
            double down = policyLoss(p, advantages);
            p[i] += h;
            assertEquals((up - down) / (2 * h), gp[i], 1e-6, "policy parameter " + i);
        }
        for (int i = 0; i < v.length; i++) {
            double h = 1e-6;
            v[i] += h;
            double up = valueLoss(v);
            v[i] -= 2 * h;
            double down = valueLoss(v);
            v[i] += h;
            assertEquals((up - down) / (2 * h), gv[i], 1e-6, "value parameter " + i);
        }
    }

    /** The advantages with the value network fixed: the policy loss treats them as constants. */
    private double[] advantages(double[] v) {
        double[] returns = returns();
        double[] a = new double[returns.length];
        for (int t = 0; t < a.length; t++) {
            a[t] = returns[t] - value.forward(v, obs[t])[0];
        }
        return a;
    }

    private double[] returns() {
        double[] r = new double[rewards.length];
        double ret = bootstrap;
        for (int t = rewards.length - 1; t >= 0; t--) {
            ret = rewards[t] + GAMMA * ret;
            r[t] = ret;
        }
        return r;
    }

    private double policyLoss(double[] p, double[] advantages) {
        double loss = 0;
        for (int t = 0; t < obs.length; t++) {
            double[] logits = policy.forward(p, obs[t]);
            loss += -Categorical.logProb(logits, actions[t]) * advantages[t] - ENTROPY * Categorical.entropy(logits);
        }
        return loss;
    }

    private double valueLoss(double[] v) {
        double[] returns = returns();
        double loss = 0;
        for (int t = 0; t < obs.length; t++) {
            double d = value.forward(v, obs[t])[0] - returns[t];
            loss += VF * 0.5 * d * d;
        }
        return loss;
    }
}
