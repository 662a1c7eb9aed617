package dev.rayo.samples.paramserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic linear-regression problem with a known answer: features drawn from N(0, 1),
 * true weights from N(0, 1), and y = X·w + noise with noise from N(0, noise²). The rows are
 * cut into one shard per worker. The same seed always gives the same problem.
 *
 * @param trueWeights the weights that generated y
 * @param noise       the standard deviation of the noise, so the best reachable loss is about noise²
 * @param shards      the rows, one contiguous part per worker
 */
public record LinearProblem(double[] trueWeights, double noise, List<Shard> shards) {

    /** Generates {@code samples} rows of {@code features} features cut into {@code workers} shards. */
    public static LinearProblem generate(int samples, int features, int workers, double noise, long seed) {
        if (features < 1 || noise < 0) {
            throw new IllegalArgumentException("need at least one feature and a non-negative noise");
        }
        Slicing rows = Slicing.of(samples, workers);
        Random random = new Random(seed);
        double[] trueWeights = new double[features];
        for (int j = 0; j < features; j++) {
            trueWeights[j] = random.nextGaussian();
        }
        List<Shard> shards = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int n = rows.size(w);
            double[] x = new double[n * features];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double target = noise * random.nextGaussian();
                for (int j = 0; j < features; j++) {
                    double value = random.nextGaussian();
                    x[i * features + j] = value;
                    target += value * trueWeights[j];
                }
                y[i] = target;
            }
            shards.add(new Shard(n, features, x, y));
        }
        return new LinearProblem(trueWeights, noise, shards);
    }

    /** How many weights the model learns. */
    public int features() {
        return trueWeights.length;
    }

    /** The largest |learned − true| over the weights. */
    public double maxWeightError(double[] learned) {
        double max = 0;
        for (int j = 0; j < trueWeights.length; j++) {
            max = Math.max(max, Math.abs(learned[j] - trueWeights[j]));
        }
        return max;
    }
}
