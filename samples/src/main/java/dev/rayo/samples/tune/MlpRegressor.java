package dev.rayo.samples.tune;

import java.io.Serializable;
import java.util.Random;

/**
 * A one-hidden-layer network (tanh) for regression, trained by mini-batch SGD with momentum and L2 decay. Small
 * enough to write out, iterative enough that an epoch is a natural Tune iteration: ASHA's rungs are epochs. The
 * whole model is its state, so it is also the trial's checkpoint.
 */
public final class MlpRegressor implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double MOMENTUM = 0.9;

    private final int inputs;
    private final int hidden;
    private final double[][] w1;
    private final double[] b1;
    private final double[] w2;
    private double b2;
    private final double[][] v1;
    private final double[] vb1;
    private final double[] v2;
    private double vb2;
    private final long seed;
    private int epochs;

    /** A fresh network; the output bias starts at the mean target so early epochs need not learn the offset. */
    public MlpRegressor(int inputs, int hidden, double targetMean, long seed) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.seed = seed;
        Random random = new Random(seed);
        w1 = new double[hidden][inputs];
        b1 = new double[hidden];
        w2 = new double[hidden];
        v1 = new double[hidden][inputs];
        vb1 = new double[hidden];
        v2 = new double[hidden];
        double scale1 = 1 / Math.sqrt(inputs);
        double scale2 = 1 / Math.sqrt(hidden);
        for (int h = 0; h < hidden; h++) {
            for (int i = 0; i < inputs; i++) {
                w1[h][i] = random.nextGaussian() * scale1;
            }
            w2[h] = random.nextGaussian() * scale2;
        }
        b2 = targetMean;
    }

    /** Epochs trained so far. */
    public int epochs() {
        return epochs;
    }

    /** The predicted target for one standardised row. */
    public double predict(double[] x) {
        double out = b2;
        for (int h = 0; h < hidden; h++) {
            out += w2[h] * Math.tanh(dot(w1[h], x) + b1[h]);
        }
        return out;
    }

    /** One pass over the rows in a shuffled order (a fresh order per epoch, reproducible from the seed). */
    public void trainEpoch(double[][] x, double[] y, double learningRate, double l2, int batchSize) {
        int n = y.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 31 + epochs);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[][] g1 = new double[hidden][inputs];
        double[] gb1 = new double[hidden];
        double[] g2 = new double[hidden];
        double[] act = new double[hidden];
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            for (int h = 0; h < hidden; h++) {
                java.util.Arrays.fill(g1[h], 0);
            }
            java.util.Arrays.fill(gb1, 0);
            java.util.Arrays.fill(g2, 0);
            double gb2 = 0;
            for (int k = start; k < end; k++) {
                double[] row = x[order[k]];
                double out = b2;
                for (int h = 0; h < hidden; h++) {
                    act[h] = Math.tanh(dot(w1[h], row) + b1[h]);
                    out += w2[h] * act[h];
                }
                double err = out - y[order[k]];
                gb2 += err;
                for (int h = 0; h < hidden; h++) {
                    g2[h] += err * act[h];
                    double back = err * w2[h] * (1 - act[h] * act[h]);
                    gb1[h] += back;
                    for (int i = 0; i < inputs; i++) {
                        g1[h][i] += back * row[i];
                    }
                }
            }
            double m = end - start;
            for (int h = 0; h < hidden; h++) {
                for (int i = 0; i < inputs; i++) {
                    v1[h][i] = MOMENTUM * v1[h][i] - learningRate * (g1[h][i] / m + l2 * w1[h][i]);
                    w1[h][i] += v1[h][i];
                }
                vb1[h] = MOMENTUM * vb1[h] - learningRate * gb1[h] / m;
                b1[h] += vb1[h];
                v2[h] = MOMENTUM * v2[h] - learningRate * (g2[h] / m + l2 * w2[h]);
                w2[h] += v2[h];
            }
            vb2 = MOMENTUM * vb2 - learningRate * gb2 / m;
            b2 += vb2;
        }
        epochs++;
    }

    /** Root mean squared error on the rows, in the target's units (miles per gallon). */
    public double rmse(double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double e = predict(x[i]) - y[i];
            sum += e * e;
        }
        return Math.sqrt(sum / y.length);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
