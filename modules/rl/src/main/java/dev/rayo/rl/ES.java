package dev.rayo.rl;

import dev.rayo.api.ObjectRef;
import dev.rayo.rl.es.EsLearner;
import dev.rayo.rl.nn.Mlp;

import java.util.List;
import java.util.Map;

/**
 * Evolution Strategies (Salimans et al. 2017; RLlib's ES): the noise table lives once in the object store, env
 * runners evaluate antithetic perturbations of the weights and send back only noise indices and returns, and the
 * driver rebuilds the search gradient from them. The policy is deterministic (arg-max of its logits): ES explores
 * in parameter space.
 */
public final class ES extends Algorithm {

    private final Mlp policy;
    private final EsLearner learner;

    ES(ESConfig config) {
        super(config);
        this.policy = new Mlp(spec().observationSize(), config.hidden(), spec().numActions());
        try {
            this.learner = new EsLearner(runners(), policy, policy.init(config.seed(), 0.01),
                    config.noiseTableSize(), config.episodesPerBatch(), config.noiseStdev(), config.stepSize(),
                    config.l2Coeff(), config.seed());
        } catch (RuntimeException e) {
            stop(); // the runners already started: a rejected config must not leave actors behind
            throw e;
        }
    }

    /** A config with ES's defaults; {@code build()} makes the algorithm. */
    public static ESConfig config() {
        return new ESConfig();
    }

    @Override
    protected Outcome runIteration() {
        long before = learner.timestepsTotal();
        List<Double> returns = learner.train();
        return new Outcome(learner.timestepsTotal() - before, returns, Map.of());
    }

    /** The arg-max action; with {@code explore}, a sample from the logits' softmax. */
    @Override
    public int computeAction(double[] observation, boolean explore) {
        return policyAction(policy, learner.weights(), observation, explore);
    }

    @Override
    protected Map<String, double[]> state() {
        return Map.of("policy", learner.weights().clone());
    }

    @Override
    protected void restoreState(Map<String, double[]> state) {
        double[] w = stateEntry(state, "policy", policy.numParams());
        System.arraycopy(w, 0, learner.weights(), 0, w.length);
    }

    /** The shared noise table's ref: one object for the whole run. */
    public ObjectRef<float[]> noiseTableRef() {
        return learner.noiseTableRef();
    }
}
