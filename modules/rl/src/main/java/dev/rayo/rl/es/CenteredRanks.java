package dev.rayo.rl.es;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The fitness shaping of Salimans et al. (2017): returns replaced by their ranks scaled to [-0.5, 0.5], so the
 * update ignores the returns' scale and outliers.
 */
public final class CenteredRanks {

    private CenteredRanks() {
    }

    /** The centered rank of each value; ties are broken by position, as a stable sort would. */
    public static double[] of(double[] values) {
        int n = values.length;
        double[] ranks = new double[n];
        if (n < 2) {
            return ranks;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        for (int rank = 0; rank < n; rank++) {
            ranks[order[rank]] = rank / (double) (n - 1) - 0.5;
        }
        return ranks;
    }
}
