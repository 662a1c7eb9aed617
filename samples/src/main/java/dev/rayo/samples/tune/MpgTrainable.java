package dev.rayo.samples.tune;

import dev.rayo.tune.Reporter;
import dev.rayo.tune.TrialConfig;
import java.util.Arrays;
import java.util.Map;

/**
 * The Tune trainable: trains one {@link MlpRegressor} on Auto MPG with the trial's hyper-parameters and reports the
 * validation RMSE after every epoch, with the model as checkpoint (a restarted trial resumes from it). Divergence
 * (a learning rate too high for its batch size) is reported as a large RMSE rather than thrown, so the scheduler
 * stops that trial like any poor one.
 */
public final class MpgTrainable {
    /** RMSE reported for a network whose weights blew up: far worse than any working model. */
    static final double DIVERGED = 1e3;
    /** Every network starts from the same draw of weights (for its size), so trials differ by their settings only. */
    private static final long INIT_SEED = 7;

    private MpgTrainable() {
    }

    /** Trains until Tune stops the trial (ASHA's rungs, or the epoch cap). */
    public static void train(TrialConfig config, Reporter reporter) {
        AutoMpg data = AutoMpg.load();
        double lr = config.getDouble("lr");
        double l2 = config.getDouble("l2");
        int batch = config.getInt("batch");
        MlpRegressor model = reporter.<MlpRegressor>checkpoint().orElseGet(() -> new MlpRegressor(data.features(),
                config.getInt("hidden"), Arrays.stream(data.trainY()).average().orElseThrow(),
                INIT_SEED));
        while (true) {
            model.trainEpoch(data.trainX(), data.trainY(), lr, l2, batch);
            double valid = model.rmse(data.validX(), data.validY());
            double train = model.rmse(data.trainX(), data.trainY());
            if (!Double.isFinite(valid) || valid > DIVERGED) {
                valid = DIVERGED;
                train = DIVERGED;
            }
            reporter.report(Map.of("val_rmse", valid, "train_rmse", train, "epoch", model.epochs()), model);
        }
    }
}
