package dev.rayo.rl;

import dev.rayo.rl.a3c.A3CLearner;
import dev.rayo.rl.nn.Mlp;

import java.util.List;
import java.util.Map;

/**
 * Asynchronous Advantage Actor-Critic (Mnih et al. 2016; RLlib's A3C): env runners compute actor-critic gradients
 * on their own fragments with the weights they were sent, and the driver applies each as it arrives and sends that
 * runner the newest weights. Separate policy and value networks.
 */
public final class A3C extends Algorithm {

    private final Mlp policy;
    private final Mlp value;
    private final A3CLearner learner;

    A3C(A3CConfig config) {
        super(config);
        this.policy = new Mlp(spec().observationSize(), config.hidden(), spec().numActions());
        this.value = new Mlp(spec().observationSize(), config.hidden(), 1);
        this.learner = new A3CLearner(runners(), policy, policy.init(config.seed(), 0.01), value,
                value.init(config.seed() + 1, 1.0), config.settings());
    }

    /** A config with A3C's defaults; {@code build()} makes the algorithm. */
    public static A3CConfig config() {
        return new A3CConfig();
    }

    @Override
    protected Outcome runIteration() {
        long before = learner.timestepsTotal();
        List<Double> returns = learner.train();
        return new Outcome(learner.timestepsTotal() - before, returns,
                Map.of("gradientsApplied", (double) learner.gradientsApplied()));
    }

    /** The arg-max action; with {@code explore}, a sample from the policy. */
    @Override
    public int computeAction(double[] observation, boolean explore) {
        return policyAction(policy, learner.policyParams(), observation, explore);
    }

    @Override
    protected Map<String, double[]> state() {
        return Map.of("policy", learner.policyParams().clone(), "value", learner.valueParams().clone());
    }

    @Override
    protected void restoreState(Map<String, double[]> state) {
        double[] p = stateEntry(state, "policy", policy.numParams());
        double[] v = stateEntry(state, "value", value.numParams());
        System.arraycopy(p, 0, learner.policyParams(), 0, p.length);
        System.arraycopy(v, 0, learner.valueParams(), 0, v.length);
    }
}
