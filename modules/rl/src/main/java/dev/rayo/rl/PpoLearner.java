package dev.rayo.rl;

import dev.rayo.rl.nn.Adam;
import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.SampleBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PPO's learner step (Schulman et al. 2017, as RLlib's PPOTorchLearner): several epochs of minibatch Adam on the
 * clipped surrogate plus an adaptive KL penalty, a clipped value loss and an entropy bonus, over separate policy
 * and value networks. The gradients are written out by hand from the loss below; the network's part is
 * {@link Mlp#backward}.
 *
 * <pre>
 * L = mean[ -min(r A, clip(r, 1-eps, 1+eps) A) + klCoeff KL(old || new) + vfCoeff min((V - R)^2, vfClip)
 *           - entCoeff H(new) ],   r = exp(logp_new(a) - logp_old(a))
 * </pre>
 */
final class PpoLearner {
    private final PPOConfig config;
    private final Mlp policy;
    private final Mlp value;
    private final double[] policyParams;
    private final double[] valueParams;
    private final Adam policyOpt;
    private final Adam valueOpt;
    private double klCoeff;

    PpoLearner(PPOConfig config, Mlp policy, double[] policyParams, Mlp value, double[] valueParams) {
        this.config = config;
        this.policy = policy;
        this.value = value;
        this.policyParams = policyParams;
        this.valueParams = valueParams;
        this.policyOpt = new Adam(policy.numParams(), config.lr());
        this.valueOpt = new Adam(value.numParams(), config.lr());
        this.klCoeff = config.klCoeff();
    }

    double[] policyParams() {
        return policyParams;
    }

    double[] valueParams() {
        return valueParams;
    }

    double klCoeff() {
        return klCoeff;
    }

    void klCoeff(double c) {
        klCoeff = c;
    }

    /** Learns from one train batch; returns the last epoch's mean statistics. */
    Map<String, Double> learn(SampleBatch batch, SplittableRandom random) {
        int n = batch.size();
        double[] adv = batch.advantages(config.gamma(), config.lambda());
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            targets[i] = adv[i] + batch.values()[i];
        }
        standardize(adv);
        double[] oldLogp = new double[n];
        double[][] oldProbs = new double[n][];
        for (int i = 0; i < n; i++) {
            oldLogp[i] = Categorical.logProb(batch.logits()[i], batch.actions()[i]);
            oldProbs[i] = Categorical.softmax(batch.logits()[i]);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Stats stats = new Stats();
        for (int epoch = 0; epoch < config.numEpochs(); epoch++) {
            shuffle(order, random);
            stats = new Stats();
            for (int from = 0; from < n; from += config.minibatchSize()) {
                int to = Math.min(n, from + config.minibatchSize());
                minibatchStep(batch, order, from, to, adv, targets, oldLogp, oldProbs, stats);
            }
        }
        double kl = stats.kl / n;
        // RLlib's adaptive KL coefficient: push harder when the policy moved too far, relax when it barely moved.
        if (kl > 2 * config.klTarget()) {
            klCoeff *= 1.5;
        } else if (kl < 0.5 * config.klTarget()) {
            klCoeff *= 0.5;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("policyLoss", stats.policyLoss / n);
        m.put("vfLoss", stats.vfLoss / n);
        m.put("entropy", stats.entropy / n);
        m.put("kl", kl);
        m.put("klCoeff", klCoeff);
        return m;
    }

    private void minibatchStep(SampleBatch batch, int[] order, int from, int to, double[] adv, double[] targets,
            double[] oldLogp, double[][] oldProbs, Stats stats) {
        int m = to - from;
        double[] policyGrad = new double[policy.numParams()];
        double[] valueGrad = new double[value.numParams()];
        double eps = config.clipParam();
        for (int k = from; k < to; k++) {
            int i = order[k];
            double[] obs = batch.obs()[i];
            int a = batch.actions()[i];
            Mlp.Pass pp = policy.forwardPass(policyParams, obs);
            double[] logits = pp.output();
            double[] p = Categorical.softmax(logits);
            double logp = Math.log(p[a]);
            double ratio = Math.exp(logp - oldLogp[i]);
            double surr1 = ratio * adv[i];
            double surr2 = Math.max(1 - eps, Math.min(1 + eps, ratio)) * adv[i];
            double entropy = Categorical.entropy(logits);
            double kl = 0;
            for (int j = 0; j < p.length; j++) {
                kl += oldProbs[i][j] * (Math.log(oldProbs[i][j]) - Math.log(p[j]));
            }
            stats.policyLoss += -Math.min(surr1, surr2);
            stats.entropy += entropy;
            stats.kl += kl;
            double[] dLogits = new double[p.length];
            // The surrogate's gradient flows only where the unclipped term is the minimum.
            double dLogp = surr1 <= surr2 ? -adv[i] * ratio : 0;
            for (int j = 0; j < p.length; j++) {
                double onehot = j == a ? 1 : 0;
                dLogits[j] = dLogp * (onehot - p[j])                                  // d logp(a) / d logits
                        + klCoeff * (p[j] - oldProbs[i][j])                               // d KL(old||new)
                        + config.entropyCoeff() * p[j] * (Math.log(p[j]) + entropy);      // d (-H)
                dLogits[j] /= m;
            }
            policy.backward(policyParams, pp, dLogits, policyGrad);

            Mlp.Pass vp = value.forwardPass(valueParams, obs);
            double err = vp.output()[0] - targets[i];
            double sq = err * err;
            stats.vfLoss += Math.min(sq, config.vfClipParam());
            double dV = sq < config.vfClipParam() ? 2 * config.vfLossCoeff() * err / m : 0;
            value.backward(valueParams, vp, new double[] {dV}, valueGrad);
        }
        if (config.gradClip() > 0) {
            Adam.clipByGlobalNorm(policyGrad, config.gradClip());
            Adam.clipByGlobalNorm(valueGrad, config.gradClip());
        }
        policyOpt.step(policyParams, policyGrad);
        valueOpt.step(valueParams, valueGrad);
    }

    private static void standardize(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean) / Math.max(std, 1e-8);
        }
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Sums over one epoch, for the iteration's metrics. */
    private static final class Stats {
        double policyLoss;
        double vfLoss;
        double entropy;
        double kl;
    }
}
