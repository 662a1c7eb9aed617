package dev.rayo.rl.es;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Centered ranks, the noise table and the ES gradient estimate. */
class EsMathTest {

    @Test
    void centeredRanksSpanMinusHalfToHalfWhateverTheScale() {
        assertArrayEquals(new double[] {0.0, 0.5, -0.5}, CenteredRanks.of(new double[] {10, 1e9, -3}), 1e-12);
        assertArrayEquals(new double[] {-0.5, 0.5}, CenteredRanks.of(new double[] {1, 2}), 1e-12);
    }

    @Test
    void theNoiseTableIsStandardNormalAndTheSameForTheSameSeed() {
        float[] a = NoiseTable.create(100_000, 5);
        assertArrayEquals(a, NoiseTable.create(100_000, 5));
        double mean = 0;
        double sq = 0;
        for (float f : a) {
            mean += f;
            sq += f * f;
        }
        mean /= a.length;
        assertTrue(Math.abs(mean) < 0.02, "mean " + mean);
        assertTrue(Math.abs(sq / a.length - 1) < 0.02, "variance " + sq / a.length);
        assertThrows(IllegalArgumentException.class, () -> NoiseTable.sampleIndex(new SplittableRandom(1), 10, 11));
    }

    /** For a return linear in the perturbation, the descent direction points against the true gradient. */
    @Test
    void theEstimateDescendsALinearObjective() {
        int dim = 20;
        float[] table = NoiseTable.create(10_000, 1);
        double[] w = new double[dim];
        for (int j = 0; j < dim; j++) {
            w[j] = j % 3 - 1;
        }
        SplittableRandom random = new SplittableRandom(2);
        int pairs = 200;
        int[] idx = new int[pairs];
        double[] pos = new double[pairs];
        double[] neg = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            idx[i] = NoiseTable.sampleIndex(random, table.length, dim);
            double dot = 0;
            for (int j = 0; j < dim; j++) {
                dot += w[j] * table[idx[i] + j];
            }
            pos[i] = dot;
            neg[i] = -dot;
        }
        double[] g = EsGradient.descentDirection(
                List.of(new EsSamples(idx, pos, neg, new double[0], 0)), table, new double[dim], 0.0);
        double cos = 0;
        double gn = 0;
        double wn = 0;
        for (int j = 0; j < dim; j++) {
            cos += g[j] * w[j];
            gn += g[j] * g[j];
            wn += w[j] * w[j];
        }
        cos /= Math.sqrt(gn * wn);
        assertTrue(cos < -0.8, "cosine with the true gradient " + cos);
    }
}
