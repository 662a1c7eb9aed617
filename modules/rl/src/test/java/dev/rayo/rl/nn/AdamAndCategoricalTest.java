package dev.rayo.rl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Adam minimizes a quadratic, clipping bounds the norm, and the categorical helpers match their definitions. */
class AdamAndCategoricalTest {
    @Test
    void adamMinimizesAQuadratic() {
        double[] target = {3, -2, 0.5};
        double[] scale = {1, 10, 100}; // badly conditioned: Adam's per-coordinate scaling copes
        double[] x = new double[3];
        Adam adam = new Adam(3, 0.05);
        for (int step = 0; step < 2000; step++) {
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) {
                g[i] = 2 * scale[i] * (x[i] - target[i]);
            }
            adam.step(x, g);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(target[i], x[i], 1e-3);
        }
        assertEquals(2000, adam.steps());
    }

    @Test
    void firstAdamStepMovesEachCoordinateByLr() {
        double[] x = {1, 1};
        new Adam(2, 0.1).step(x, new double[] {5, -0.001});
        assertEquals(0.9, x[0], 1e-6);
        assertEquals(1.1, x[1], 1e-4);
    }

    @Test
    void clipByGlobalNorm() {
        double[] g = {3, 4};
        assertEquals(5.0, Adam.clipByGlobalNorm(g, 1.0));
        assertEquals(0.6, g[0], 1e-15);
        assertEquals(0.8, g[1], 1e-15);
        double[] small = {0.3, 0.4};
        Adam.clipByGlobalNorm(small, 1.0);
        assertEquals(0.3, small[0]);
    }

    @Test
    void categoricalMatchesDefinitions() {
        double[] logits = {1000.0, 1001.0, 999.0}; // stable under large logits
        double[] p = Categorical.softmax(logits);
        double z = Math.exp(0) + Math.exp(1) + Math.exp(-1);
        assertEquals(Math.exp(1) / z, p[1], 1e-12);
        assertEquals(Math.log(p[2]), Categorical.logProb(logits, 2), 1e-12);
        double h = 0;
        for (double q : p) {
            h -= q * Math.log(q);
        }
        assertEquals(h, Categorical.entropy(logits), 1e-12);
        assertEquals(1, Categorical.argmax(logits));
        assertThrows(IllegalArgumentException.class, () -> Categorical.logProb(logits, 3));
    }

    @Test
    void samplingFollowsTheProbabilities() {
        double[] logits = {0.0, Math.log(3.0)}; // p = 0.25, 0.75
        SplittableRandom random = new SplittableRandom(5);
        int ones = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            ones += Categorical.sample(logits, random);
        }
        assertEquals(0.75, ones / (double) n, 0.01);
    }
}
