package dev.rayo.rl;

import dev.rayo.rl.dqn.DqnLearner;
import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;

import java.util.List;
import java.util.Map;

/**
 * Deep Q-Networks (Mnih et al. 2015, with double Q; RLlib's DQN): env runners sample epsilon-greedily with the
 * current Q-network, the driver keeps the replay buffer and the target network and learns with the Huber loss.
 */
public final class DQN extends Algorithm {

    private final Mlp q;
    private final DqnLearner learner;

    DQN(DQNConfig config) {
        super(config);
        this.q = new Mlp(spec().observationSize(), config.hidden(), spec().numActions());
        this.learner = new DqnLearner(runners(), q, q.init(config.seed(), 1.0), config.settings(), config.seed());
    }

    /** A config with DQN's defaults; {@code build()} makes the algorithm. */
    public static DQNConfig config() {
        return new DQNConfig();
    }

    @Override
    protected Outcome runIteration() {
        long before = learner.timestepsTotal();
        List<Double> returns = learner.train();
        return new Outcome(learner.timestepsTotal() - before, returns, Map.of("epsilon", learner.epsilon()));
    }

    /** The action of highest Q; with {@code explore}, a uniformly random one with the current epsilon. */
    @Override
    public int computeAction(double[] observation, boolean explore) {
        checkObservation(observation);
        if (explore && random().nextDouble() < learner.epsilon()) {
            return random().nextInt(spec().numActions());
        }
        return Categorical.argmax(q.forward(learner.qLearner().params(), observation));
    }

    @Override
    protected Map<String, double[]> state() {
        return Map.of("q", learner.qLearner().params().clone(), "target", learner.qLearner().targetParams().clone());
    }

    @Override
    protected void restoreState(Map<String, double[]> state) {
        learner.qLearner().load(stateEntry(state, "q", q.numParams()), stateEntry(state, "target", q.numParams()));
    }
}
