package dev.rayo.samples.modelsearch;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Random;

/**
 * A regression data set as plain arrays (rows of features, one target per row), so it can be
 * put into the object store once and read by every training task.
 *
 * @param x the features, one array per row
 * @param y the targets
 */
public record Dataset(double[][] x, double[] y) implements Serializable {

    /** Checks that there is one target per row. */
    public Dataset {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need as many targets as rows, and at least one: "
                    + x.length + " rows, " + y.length + " targets");
        }
    }

    /**
     * Friedman's first regression problem (the one scikit-learn's {@code make_friedman1}
     * generates): features uniform on [0, 1], of which only the first five matter,
     * y = 10 sin(π x₁ x₂) + 20 (x₃ − ½)² + 10 x₄ + 5 x₅ + noise·N(0, 1).
     * The same seed always gives the same rows.
     */
    public static Dataset friedman(int rows, int features, double noise, long seed) {
        if (features < 5) {
            throw new IllegalArgumentException("Friedman's problem needs at least 5 features, got " + features);
        }
        Random random = new Random(seed);
        double[][] x = new double[rows][features];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double[] row = x[i];
            for (int j = 0; j < features; j++) {
                row[j] = random.nextDouble();
            }
            y[i] = 10 * Math.sin(Math.PI * row[0] * row[1]) + 20 * (row[2] - 0.5) * (row[2] - 0.5)
                    + 10 * row[3] + 5 * row[4] + noise * random.nextGaussian();
        }
        return new Dataset(x, y);
    }

    /** How many rows. */
    public int rows() {
        return y.length;
    }

    /** How many features per row. */
    public int features() {
        return x[0].length;
    }

    /** Rows {@code [from, to)} as a data set of their own. */
    public Dataset rows(int from, int to) {
        return new Dataset(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to));
    }
}
