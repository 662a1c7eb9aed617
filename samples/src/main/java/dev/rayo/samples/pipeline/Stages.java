package dev.rayo.samples.pipeline;

import java.util.Arrays;
import java.util.Random;

/**
 * The four stages of the seed's data pipeline. Each does a little real work on a small array
 * and sleeps {@code millis}, standing in for I/O or heavy processing; the pipeline sample is
 * about overlapping those waits, not about the arithmetic.
 */
public final class Stages {
    /** Samples per loaded input. */
    public static final int SAMPLES = 1_000;

    private Stages() {
    }

    /** "Reads" input number {@code input}: deterministic pseudo-random samples. */
    public static double[] load(int input, long millis) throws InterruptedException {
        Thread.sleep(millis);
        Random random = new Random(input);
        double[] data = new double[SAMPLES];
        for (int i = 0; i < data.length; i++) {
            data[i] = input + random.nextGaussian() * (1 + input);
        }
        return data;
    }

    /** Scales the samples to mean 0 and range [-1, 1]. */
    public static double[] normalize(double[] data, long millis) throws InterruptedException {
        Thread.sleep(millis);
        double mean = Arrays.stream(data).average().orElse(0);
        double maxAbs = Arrays.stream(data).map(x -> Math.abs(x - mean)).max().orElse(1);
        double scale = maxAbs == 0 ? 1 : maxAbs;
        return Arrays.stream(data).map(x -> (x - mean) / scale).toArray();
    }

    /** Summarises the samples: mean, mean square, minimum, maximum. */
    public static double[] features(double[] data, long millis) throws InterruptedException {
        Thread.sleep(millis);
        double mean = Arrays.stream(data).average().orElse(0);
        double meanSquare = Arrays.stream(data).map(x -> x * x).average().orElse(0);
        double min = Arrays.stream(data).min().orElse(0);
        double max = Arrays.stream(data).max().orElse(0);
        return new double[] {mean, meanSquare, min, max};
    }

    /** Squared distance of the features from a fixed target, a stand-in for a model's loss. */
    public static double loss(double[] features, long millis) throws InterruptedException {
        Thread.sleep(millis);
        double[] target = {0, 0.25, -1, 1};
        double sum = 0;
        for (int i = 0; i < target.length; i++) {
            double d = features[i] - target[i];
            sum += d * d;
        }
        return sum;
    }

    /** All four stages in order, in the calling thread: the serial baseline. */
    public static double all(int input, long millis) throws InterruptedException {
        return loss(features(normalize(load(input, millis), millis), millis), millis);
    }
}
