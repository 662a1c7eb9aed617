package dev.rayo.rl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The MLP's forward pass against a direct computation and its backward pass against central differences. */
class MlpTest {
    private static final int[][] SHAPES = {
        {4, 2}, {3, 5, 2}, {4, 8, 6, 3}, {2, 16, 16, 1}, {5, 3, 7, 4, 2}
    };

    @Test
    void layoutIsWeightsRowMajorThenBiases() {
        Mlp mlp = new Mlp(2, new int[] {3}, 1);
        assertEquals(2 * 3 + 3 + 3 * 1 + 1, mlp.numParams());
        double[] p = new double[mlp.numParams()];
        // hidden unit 1 reads input 0 with weight 0.5 and has bias 0.25; output reads unit 1 with weight 2, bias -1
        p[1 * 2 + 0] = 0.5;
        p[6 + 1] = 0.25;
        p[9 + 1] = 2.0;
        p[12] = -1.0;
        double[] y = mlp.forward(p, new double[] {0.8, -3});
        assertEquals(2.0 * Math.tanh(0.5 * 0.8 + 0.25) - 1.0, y[0], 1e-15);
    }

    @Test
    void forwardMatchesForwardPassAndInitIsNormc() {
        Mlp mlp = new Mlp(4, new int[] {64, 64}, 2);
        double[] p = mlp.init(3, 0.01);
        assertArrayEquals(p, mlp.init(3, 0.01));
        double[] x = {0.01, -0.02, 0.03, 0.04};
        assertArrayEquals(mlp.forward(p, x), mlp.forwardPass(p, x).output());
        // first hidden unit's weight row has norm 1, the output rows norm 0.01, biases zero
        assertEquals(1.0, norm(p, 0, 4), 1e-12);
        int outW = 4 * 64 + 64 + 64 * 64 + 64;
        assertEquals(0.01, norm(p, outW, 64), 1e-12);
        assertEquals(0.0, p[4 * 64]);
    }

    @Test
    void backwardMatchesCentralDifferences() {
        SplittableRandom random = new SplittableRandom(11);
        for (int[] shape : SHAPES) {
            int[] hidden = java.util.Arrays.copyOfRange(shape, 1, shape.length - 1);
            Mlp mlp = new Mlp(shape[0], hidden, shape[shape.length - 1]);
            for (int trial = 0; trial < 3; trial++) {
                double[] p = Gaussian.samples(random, mlp.numParams());
                double[] x = Gaussian.samples(random, mlp.inputs());
                double[] w = Gaussian.samples(random, mlp.outputs()); // loss = w . f(x), so dLoss/dOut = w
                double[] grad = new double[mlp.numParams()];
                grad[0] = 5; // backward adds into the accumulator
                mlp.backward(p, mlp.forwardPass(p, x), w, grad);
                grad[0] -= 5;
                for (int i = 0; i < p.length; i++) {
                    double numeric = centralDifference(v -> loss(mlp, v, x, w), p, i);
                    assertClose(numeric, grad[i], mlp + " param " + i);
                }
                double[] dx = mlp.inputGrad(p, mlp.forwardPass(p, x), w);
                for (int i = 0; i < x.length; i++) {
                    double numeric = centralDifference(v -> loss(mlp, p, v, w), x, i);
                    assertClose(numeric, dx[i], mlp + " input " + i);
                }
            }
        }
    }

    @Test
    void wrongSizesAreNamed() {
        Mlp mlp = new Mlp(4, new int[] {8}, 2);
        double[] p = mlp.init(1, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.forward(p, new double[3]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mlp.forward(new double[5], new double[4]));
    }

    private static double loss(Mlp mlp, double[] p, double[] x, double[] w) {
        double[] y = mlp.forward(p, x);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += w[i] * y[i];
        }
        return s;
    }

    static double centralDifference(java.util.function.ToDoubleFunction<double[]> f, double[] at, int i) {
        double h = 1e-5;
        double[] v = at.clone();
        v[i] = at[i] + h;
        double up = f.applyAsDouble(v);
        v[i] = at[i] - h;
        double down = f.applyAsDouble(v);
        return (up - down) / (2 * h);
    }

    static void assertClose(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected) + Math.abs(actual), 1e-3);
        assertTrue(Math.abs(expected - actual) / scale < 1e-6,
                what + ": numeric " + expected + " vs analytic " + actual);
    }

    private static double norm(double[] p, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += p[i] * p[i];
        }
        return Math.sqrt(s);
    }
}
