package dev.rayo.samples.paramserver;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * How the weight vector is cut into contiguous slices, one per parameter-server shard.
 * Slice k covers indices {@code [bounds[k], bounds[k + 1])}; sizes differ by at most one.
 */
public record Slicing(int[] bounds) implements Serializable {

    /** {@code dimension} weights cut into {@code count} slices. */
    public static Slicing of(int dimension, int count) {
        if (count < 1 || count > dimension) {
            throw new IllegalArgumentException("cannot cut " + dimension + " weights into " + count + " slices");
        }
        int[] bounds = new int[count + 1];
        for (int k = 0; k <= count; k++) {
            bounds[k] = (int) ((long) dimension * k / count);
        }
        return new Slicing(bounds);
    }

    /** How many slices. */
    public int count() {
        return bounds.length - 1;
    }

    /** How many weights slice {@code k} holds. */
    public int size(int k) {
        return bounds[k + 1] - bounds[k];
    }

    /** Slice {@code k} of a full-length vector. */
    public double[] slice(double[] full, int k) {
        return Arrays.copyOfRange(full, bounds[k], bounds[k + 1]);
    }

    /** The full vector back from its slices, in order. */
    public double[] join(List<double[]> slices) {
        if (slices.size() != count()) {
            throw new IllegalArgumentException("expected " + count() + " slices, got " + slices.size());
        }
        double[] full = new double[bounds[count()]];
        for (int k = 0; k < slices.size(); k++) {
            System.arraycopy(slices.get(k), 0, full, bounds[k], size(k));
        }
        return full;
    }
}
