package dev.rayo.rl.dqn;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.rl.StepResult;
import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.RolloutTask;
import dev.rayo.rl.runner.RunnerState;

import java.util.SplittableRandom;

/**
 * DQN's sampling on an env runner: {@code steps} epsilon-greedy steps with the Q-network weights of this round
 * (read from the object store, where the learner put them once for every runner), continuing the runner's
 * episodes across rounds.
 */
public final class DqnSampleTask implements RolloutTask<Transitions> {

    private static final long serialVersionUID = 1L;

    private final ObjectRef<double[]> weights;
    private final Mlp q;
    private final int steps;
    private final double epsilon;

    /**
     * @param weights the current Q-network parameters
     * @param q       the Q-network's shape
     * @param steps   steps to take on this runner
     * @param epsilon the probability of a uniformly random action
     */
    public DqnSampleTask(ObjectRef<double[]> weights, Mlp q, int steps, double epsilon) {
        this.weights = weights;
        this.q = q;
        this.steps = steps;
        this.epsilon = epsilon;
    }

    /** Steps the runner's own episodes on; the weights come from the object store, put once for all runners. */
    @Override
    public Transitions run(RunnerState state) {
        double[] params = Rayo.get(weights);
        int obsSize = q.inputs();
        int numActions = q.outputs();
        SplittableRandom random = state.random();
        double[] obs = new double[steps * obsSize];
        double[] next = new double[steps * obsSize];
        int[] actions = new int[steps];
        double[] rewards = new double[steps];
        boolean[] terminated = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            double[] o = state.observation();
            int action = random.nextDouble() < epsilon
                    ? random.nextInt(numActions) : Categorical.argmax(q.forward(params, o));
            StepResult r = state.step(action);
            System.arraycopy(o, 0, obs, t * obsSize, obsSize);
            System.arraycopy(r.observation(), 0, next, t * obsSize, obsSize);
            actions[t] = action;
            rewards[t] = r.reward();
            terminated[t] = r.terminated();
        }
        return new Transitions(obsSize, obs, actions, rewards, next, terminated, state.drainEpisodeReturns().stream().mapToDouble(Double::doubleValue).toArray());
    }
}
