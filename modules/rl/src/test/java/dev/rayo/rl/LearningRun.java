package dev.rayo.rl;

import java.util.List;

/** Test helper: trains within a bounded budget until an iteration's mean return reaches a target. */
final class LearningRun {
    private LearningRun() {
    }

    /** Trains at most {@code maxIterations}; returns the returns of every iteration (NaN where none finished). */
    static List<Double> untilReturn(Algorithm algorithm, double target, int maxIterations) {
        for (int i = 0; i < maxIterations; i++) {
            if (algorithm.train().episodeReturnMean() >= target) {
                break;
            }
        }
        return algorithm.history().stream().map(IterationResult::episodeReturnMean).toList();
    }
}
