package dev.rayo.rl.es;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * The shared noise table of Salimans et al. (2017): one large block of standard-normal floats, built once per run
 * in the driver and put in the object store, so a perturbation travels as a single index into it instead of a
 * vector as long as the policy.
 */
public final class NoiseTable {

    private NoiseTable() {
    }

    /** {@code size} standard-normal floats drawn from {@code seed}; floats, because the table is the big object. */
    public static float[] create(int size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("noiseTableSize must be positive, was " + size);
        }
        Random random = new Random(seed);
        float[] table = new float[size];
        for (int i = 0; i < size; i++) {
            table[i] = (float) random.nextGaussian();
        }
        return table;
    }

    /** A random start for a slice of {@code dim} values that fits in a table of {@code tableSize}. */
    public static int sampleIndex(SplittableRandom random, int tableSize, int dim) {
        if (dim > tableSize) {
            throw new IllegalArgumentException(
                    "noiseTableSize " + tableSize + " is smaller than the policy's " + dim + " parameters");
        }
        return random.nextInt(tableSize - dim + 1);
    }

    /** Writes {@code theta + scale * table[index .. index + theta.length)} into {@code out}. */
    public static void perturb(double[] theta, float[] table, int index, double scale, double[] out) {
        for (int j = 0; j < theta.length; j++) {
            out[j] = theta[j] + scale * table[index + j];
        }
    }

    /** Adds {@code weight * table[index .. index + acc.length)} to {@code acc}. */
    public static void addWeighted(double[] acc, float[] table, int index, double weight) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] += weight * table[index + j];
        }
    }
}
