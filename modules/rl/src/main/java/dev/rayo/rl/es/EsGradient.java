package dev.rayo.rl.es;

import java.util.List;

/**
 * The ES search gradient from what the runners sent back: the centered ranks of all perturbed returns, each
 * pair's rank difference weighting its noise slice, averaged over all episodes (as Ray's ES does, with sigma folded
 * into the step size), plus L2 decay. Returned as a direction to descend, so it goes straight into Adam.
 */
public final class EsGradient {

    private EsGradient() {
    }

    /**
     * @param samples every runner's indices and returns for this iteration
     * @param table   the learner's copy of the noise table (the same one the runners read)
     * @param theta   the parameters the perturbations were taken around
     * @param l2Coeff weight decay, added as {@code l2Coeff * theta}
     * @return the gradient of the loss (minus the return estimate) with respect to {@code theta}
     */
    public static double[] descentDirection(List<EsSamples> samples, float[] table, double[] theta, double l2Coeff) {
        int pairs = samples.stream().mapToInt(s -> s.noiseIndices().length).sum();
        if (pairs == 0) {
            throw new IllegalStateException("no perturbations came back from the env runners");
        }
        double[] all = new double[2 * pairs];
        int k = 0;
        for (EsSamples s : samples) {
            for (int i = 0; i < s.noiseIndices().length; i++) {
                all[k++] = s.positiveReturns()[i];
                all[k++] = s.negativeReturns()[i];
            }
        }
        double[] ranks = CenteredRanks.of(all);
        double[] g = new double[theta.length];
        k = 0;
        for (EsSamples s : samples) {
            for (int index : s.noiseIndices()) {
                NoiseTable.addWeighted(g, table, index, ranks[k] - ranks[k + 1]);
                k += 2;
            }
        }
        for (int j = 0; j < g.length; j++) {
            g[j] = -g[j] / all.length + l2Coeff * theta[j];
        }
        return g;
    }
}
