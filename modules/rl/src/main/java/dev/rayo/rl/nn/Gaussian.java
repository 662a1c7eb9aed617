package dev.rayo.rl.nn;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a {@link SplittableRandom}: Java 17's SplittableRandom has no nextGaussian, and the
 * learners use SplittableRandom everywhere so that a seed fixes every stream (init, exploration, ES noise).
 */
public final class Gaussian {
    private Gaussian() {
    }

    /** One N(0, 1) draw (Box-Muller; consumes two doubles so the stream's position is predictable). */
    public static double sample(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** {@code n} independent N(0, 1) draws. */
    public static double[] samples(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sample(random);
        }
        return out;
    }
}
