package dev.rayo.rl.nn;

import java.util.SplittableRandom;

/**
 * The categorical distribution over discrete actions given unnormalized logits, as RLlib's TorchCategorical:
 * probabilities, log-probabilities, entropy, sampling and the greedy action. Computed stably (max-shifted).
 */
public final class Categorical {
    private Categorical() {
    }

    /** The probabilities {@code softmax(logits)}. */
    public static double[] softmax(double[] logits) {
        double max = max(logits);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** {@code log softmax(logits)[action]}. */
    public static double logProb(double[] logits, int action) {
        checkAction(logits, action);
        return logits[action] - logSumExp(logits);
    }

    /** The entropy {@code -sum p log p}, in nats. */
    public static double entropy(double[] logits) {
        double lse = logSumExp(logits);
        double h = 0;
        for (double l : logits) {
            double logP = l - lse;
            h -= Math.exp(logP) * logP;
        }
        return h;
    }

    /** An action drawn from {@code softmax(logits)} with one draw of {@code random}. */
    public static int sample(double[] logits, SplittableRandom random) {
        double[] p = softmax(logits);
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < p.length; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        return p.length - 1; // u within rounding of 1.0
    }

    /** The most likely action (the lowest index among ties), the greedy choice. */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code log sum exp(logits)}, stably. */
    public static double logSumExp(double[] logits) {
        double max = max(logits);
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum);
    }

    private static double max(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no logits");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static void checkAction(double[] logits, int action) {
        if (action < 0 || action >= logits.length) {
            throw new IllegalArgumentException("action " + action + " out of range 0.." + (logits.length - 1));
        }
    }
}
