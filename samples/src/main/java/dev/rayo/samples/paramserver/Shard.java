package dev.rayo.samples.paramserver;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's part of the training data: {@code rows} examples of {@code cols} features,
 * stored row-major in one flat array so it travels as a single block.
 *
 * @param rows how many examples
 * @param cols features per example
 * @param x    the features, {@code x[i * cols + j]}
 * @param y    the targets
 */
public record Shard(int rows, int cols, double[] x, double[] y) implements Serializable {

    /** Checks the array sizes against {@code rows} and {@code cols}. */
    public Shard {
        if (x.length != rows * cols || y.length != rows) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " shard needs " + rows * cols
                    + " features and " + rows + " targets, got " + x.length + " and " + y.length);
        }
    }

    /**
     * The squared-error gradient at {@code weights}, cut into the server shards' slices: for the
     * residuals r = Xw − y, part k holds the slice k of Xᵀr (a sum over this shard, not yet
     * averaged), and every part carries Σr² and the row count so any of them gives the loss.
     */
    public List<GradientPart> gradient(double[] weights, Slicing slicing) {
        if (weights.length != cols) {
            throw new IllegalArgumentException("expected " + cols + " weights, got " + weights.length);
        }
        double[] sum = new double[cols];
        double squaredError = 0;
        for (int i = 0; i < rows; i++) {
            int offset = i * cols;
            double residual = -y[i];
            for (int j = 0; j < cols; j++) {
                residual += x[offset + j] * weights[j];
            }
            squaredError += residual * residual;
            for (int j = 0; j < cols; j++) {
                sum[j] += residual * x[offset + j];
            }
        }
        List<GradientPart> parts = new ArrayList<>(slicing.count());
        for (int k = 0; k < slicing.count(); k++) {
            parts.add(new GradientPart(slicing.slice(sum, k), squaredError, rows));
        }
        return parts;
    }
}
