package dev.rayo.rl.dqn;

import dev.rayo.rl.nn.Adam;
import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;

/**
 * DQN's learner: an online Q-network trained on replayed minibatches with the Huber loss against targets from a
 * slowly-updated copy (the target network), optionally with double Q (the online network picks the next action,
 * the target network values it, which curbs the max operator's over-estimation).
 */
public final class QLearner {

    private final Mlp q;
    private final double[] params;
    private double[] targetParams;
    private final Adam adam;
    private final double gamma;
    private final boolean doubleQ;
    private final double gradClip;

    /**
     * @param q        the Q-network (one output per action)
     * @param params   its initial parameters, updated in place
     * @param lr       Adam's learning rate
     * @param gamma    the discount
     * @param doubleQ  whether to use double Q targets
     * @param gradClip the largest global gradient norm applied
     */
    public QLearner(Mlp q, double[] params, double lr, double gamma, boolean doubleQ, double gradClip) {
        this.q = q;
        this.params = params;
        this.targetParams = params.clone();
        this.adam = new Adam(params.length, lr);
        this.gamma = gamma;
        this.doubleQ = doubleQ;
        this.gradClip = gradClip;
    }

    /** The online network's parameters (live: the learner updates them in place). */
    public double[] params() {
        return params;
    }

    /** The target network's parameters. */
    public double[] targetParams() {
        return targetParams;
    }

    /** Copies the online network into the target network. */
    public void syncTarget() {
        targetParams = params.clone();
    }

    /** Restores both networks, for {@code restore}. */
    public void load(double[] online, double[] target) {
        System.arraycopy(online, 0, params, 0, params.length);
        targetParams = target.clone();
    }

    /** One Adam step on the mean Huber loss of the transitions in {@code slots}; returns that loss. */
    public double update(ReplayBuffer buffer, int[] slots) {
        double[] grad = new double[params.length];
        double loss = 0;
        for (int slot : slots) {
            double[] next = buffer.nextObservation(slot);
            double bootstrap = 0;
            if (!buffer.terminated(slot)) {
                double[] targetQ = q.forward(targetParams, next);
                int nextAction = Categorical.argmax(doubleQ ? q.forward(params, next) : targetQ);
                bootstrap = gamma * targetQ[nextAction];
            }
            double y = buffer.reward(slot) + bootstrap;
            Mlp.Pass pass = q.forwardPass(params, buffer.observation(slot));
            int action = buffer.action(slot);
            double delta = pass.output()[action] - y;
            loss += Math.abs(delta) <= 1 ? 0.5 * delta * delta : Math.abs(delta) - 0.5;
            double[] dOut = new double[pass.output().length];
            dOut[action] = Math.max(-1, Math.min(1, delta)) / slots.length;
            q.backward(params, pass, dOut, grad);
        }
        Adam.clipByGlobalNorm(grad, gradClip);
        adam.step(params, grad);
        return loss / slots.length;
    }
}
