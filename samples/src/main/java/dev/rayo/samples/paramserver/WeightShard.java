package dev.rayo.samples.paramserver;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;

import java.util.List;

/**
 * The parameter-server actor: owns one slice of the weights (all of them when there is a single
 * server) and applies the workers' gradients to it with plain gradient descent on the mean
 * squared error. Rayo runs one call at a time, so the weights need no lock.
 */
public final class WeightShard {
    private final double[] weights;
    private final double learningRate;

    /** A slice of {@code size} weights starting at zero. */
    public WeightShard(int size, double learningRate) {
        this.weights = new double[size];
        this.learningRate = learningRate;
    }

    /** A copy of the current weights. */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Applies one round: fetches every worker's part (Rayo.get in list order, so the sums are
     * the same whatever order the workers finished in), averages the gradient over all rows
     * and takes one step. Returns the new weights, which the next round's workers read.
     */
    public double[] apply(List<ObjectRef<GradientPart>> parts) {
        double[] sum = new double[weights.length];
        long rows = 0;
        for (GradientPart part : Rayo.get(parts)) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += part.sum()[j];
            }
            rows += part.rows();
        }
        // d/dw mean((Xw - y)^2) = 2/n * X^T (Xw - y)
        double scale = 2.0 * learningRate / rows;
        for (int j = 0; j < weights.length; j++) {
            weights[j] -= scale * sum[j];
        }
        return weights.clone();
    }
}
