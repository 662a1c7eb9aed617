package dev.rayo.samples.modelsearch;

import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.regression.RandomForest;
import smile.validation.metric.RMSE;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;

/**
 * Trains one of Smile's random forests and scores it: the unit of work of the search, the same
 * code serially and as a Rayo task.
 *
 * <p>Smile grows a forest's trees with a parallel stream. Each training here runs in a
 * one-thread {@link ForkJoinPool} (a parallel stream started on a pool's thread stays in that
 * pool), so one model uses one core: the serial run is really serial, the Rayo run's
 * parallelism is Rayo's, and with the per-tree seeds the forest is the same wherever it grows.
 */
public final class ForestTrainer {
    private static final String TARGET = "y";

    private ForestTrainer() {
    }

    /** Trains model {@code model} with {@code params} on {@code train}, returns its RMSE on {@code validation}. */
    public static Score score(Dataset train, Dataset validation, int model, HyperParams params) {
        ForkJoinPool oneThread = new ForkJoinPool(1);
        try {
            double rmse = oneThread.submit(() -> rmse(train, validation, params)).get();
            return new Score(model, params, rmse);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training model " + model, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("training model " + model + " failed: " + e.getCause(), e.getCause());
        } finally {
            oneThread.shutdown();
        }
    }

    private static double rmse(Dataset train, Dataset validation, HyperParams p) {
        DataFrame frame = frame(train);
        RandomForest forest = RandomForest.fit(Formula.lhs(TARGET), frame, p.trees(), p.mtry(), p.maxDepth(),
                Math.max(2, train.rows() / p.nodeSize()), p.nodeSize(), p.subsample(),
                LongStream.range(p.seed(), p.seed() + p.trees()));
        return RMSE.of(validation.y(), forest.predict(frame(validation)));
    }

    private static DataFrame frame(Dataset data) {
        return DataFrame.of(data.x()).merge(DoubleVector.of(TARGET, data.y()));
    }
}
