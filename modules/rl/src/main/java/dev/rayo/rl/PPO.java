package dev.rayo.rl;

import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.PolicySampler;
import dev.rayo.rl.runner.SampleBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proximal Policy Optimization (Schulman et al. 2017), as RLlib's PPO: each iteration the env runners sample
 * {@code trainBatchSize} steps with the current policy (the weights travel with the task), compute GAE where they
 * sampled, and the learner runs {@code numEpochs} of minibatch Adam on the clipped objective in the calling
 * thread. Separate policy and value networks, so the value loss's scale cannot disturb the policy.
 */
public final class PPO extends Algorithm {
    private final Mlp policy;
    private final Mlp value;
    private final PpoLearner learner;

    PPO(PPOConfig config) {
        super(config);
        int[] hidden = config.hidden();
        this.policy = new Mlp(spec().observationSize(), hidden, spec().numActions());
        this.value = new Mlp(spec().observationSize(), hidden, 1);
        long seed = config.seed();
        this.learner = new PpoLearner((PPOConfig) settings(), policy, policy.init(seed, 0.01), value,
                value.init(seed + 1, 1.0));
    }

    /** A PPO config with the defaults; set at least {@code env}. */
    public static PPOConfig config() {
        return new PPOConfig();
    }

    @Override
    protected Outcome runIteration() {
        PPOConfig cfg = (PPOConfig) settings();
        int runners = runners().size();
        double[] pp = learner.policyParams().clone();
        double[] vp = learner.valueParams().clone();
        Mlp pol = policy;
        Mlp val = value;
        int total = cfg.trainBatchSize();
        List<SampleBatch> parts = runners().runOnAll(state -> {
            int steps = total / runners + (state.index() < total % runners ? 1 : 0);
            return PolicySampler.sample(state, pol, pp, val, vp, steps, true);
        });
        SampleBatch batch = SampleBatch.concat(parts);
        Map<String, Double> metrics = learner.learn(batch, random());
        return new Outcome(batch.size(), batch.episodeReturns(), metrics);
    }

    @Override
    public int computeAction(double[] observation, boolean explore) {
        return policyAction(policy, learner.policyParams(), observation, explore);
    }

    @Override
    protected Map<String, double[]> state() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("policy", learner.policyParams().clone());
        s.put("value", learner.valueParams().clone());
        s.put("klCoeff", new double[] {learner.klCoeff()});
        return s;
    }

    @Override
    protected void restoreState(Map<String, double[]> state) {
        System.arraycopy(stateEntry(state, "policy", policy.numParams()), 0, learner.policyParams(), 0,
                policy.numParams());
        System.arraycopy(stateEntry(state, "value", value.numParams()), 0, learner.valueParams(), 0,
                value.numParams());
        learner.klCoeff(stateEntry(state, "klCoeff", 1)[0]);
    }
}
