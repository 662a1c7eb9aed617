package dev.rayo.samples.tune;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The Auto MPG data set (392 cars; see the header of {@code auto-mpg.csv} for its source and terms), read from this
 * jar, turned into standardised features and split once into training and validation rows. Every trial reads the
 * same split, so their validation errors compare.
 *
 * <p>Features: cylinders, displacement, horsepower, weight, acceleration, model year, and origin one-hot (USA,
 * Europe, Japan); target: miles per gallon.
 */
public final class AutoMpg {
    static final String RESOURCE = "auto-mpg.csv";
    private static final String[] ORIGINS = {"USA", "Europe", "Japan"};
    /** The split is fixed: the same cars validate every model and every run. */
    private static final long SPLIT_SEED = 1982;
    private static volatile AutoMpg cached;

    private final double[][] trainX;
    private final double[] trainY;
    private final double[][] validX;
    private final double[] validY;

    private AutoMpg(double[][] trainX, double[] trainY, double[][] validX, double[] validY) {
        this.trainX = trainX;
        this.trainY = trainY;
        this.validX = validX;
        this.validY = validY;
    }

    /** The data, read once per JVM (each trial actor asks for it; in one JVM they share it). */
    public static AutoMpg load() {
        AutoMpg data = cached;
        if (data == null) {
            synchronized (AutoMpg.class) {
                if (cached == null) {
                    cached = read();
                }
                data = cached;
            }
        }
        return data;
    }

    private static AutoMpg read() {
        List<double[]> features = new ArrayList<>();
        List<Double> mpg = new ArrayList<>();
        try (InputStream in = AutoMpg.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                double[] x = new double[6 + ORIGINS.length];
                for (int i = 0; i < 6; i++) {
                    x[i] = Double.parseDouble(f[2 + i]);
                }
                x[6 + originIndex(f[8])] = 1;
                features.add(x);
                mpg.add(Double.parseDouble(f[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return split(features, mpg);
    }

    private static int originIndex(String origin) {
        for (int i = 0; i < ORIGINS.length; i++) {
            if (ORIGINS[i].equals(origin)) {
                return i;
            }
        }
        throw new IllegalStateException("unknown origin " + origin);
    }

    /** 80 % training, 20 % validation, shuffled with a fixed seed; standardised with the training rows' figures. */
    private static AutoMpg split(List<double[]> features, List<Double> mpg) {
        int n = features.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(SPLIT_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int trainRows = n * 4 / 5;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = features.get(order[i]).clone();
            y[i] = mpg.get(order[i]);
        }
        int p = x[0].length;
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < trainRows; i++) {
                mean += x[i][j];
            }
            mean /= trainRows;
            double var = 0;
            for (int i = 0; i < trainRows; i++) {
                var += (x[i][j] - mean) * (x[i][j] - mean);
            }
            double sd = Math.sqrt(var / trainRows);
            for (int i = 0; i < n; i++) {
                x[i][j] = sd > 0 ? (x[i][j] - mean) / sd : 0;
            }
        }
        return new AutoMpg(java.util.Arrays.copyOfRange(x, 0, trainRows), java.util.Arrays.copyOfRange(y, 0, trainRows),
                java.util.Arrays.copyOfRange(x, trainRows, n), java.util.Arrays.copyOfRange(y, trainRows, n));
    }

    /** Inputs per car: six figures plus the three origin columns. */
    public int features() {
        return trainX[0].length;
    }

    /** Cars the models learn from. */
    public int trainRows() {
        return trainY.length;
    }

    /** Cars held out to score the models (the metric Tune ranks by). */
    public int validRows() {
        return validY.length;
    }

    double[][] trainX() {
        return trainX;
    }

    double[] trainY() {
        return trainY;
    }

    double[][] validX() {
        return validX;
    }

    double[] validY() {
        return validY;
    }

    /** The validation RMSE of always predicting the training mean: the bar every model must clear. */
    public double meanPredictorRmse() {
        double mean = java.util.Arrays.stream(trainY).average().orElseThrow();
        double sum = 0;
        for (double y : validY) {
            sum += (y - mean) * (y - mean);
        }
        return Math.sqrt(sum / validY.length);
    }
}
