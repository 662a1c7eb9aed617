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

    /**
     * Trains {@code algorithm} three iterations and stops it; returns each iteration's mean return and timesteps,
     * then a 5-episode evaluation: two runs with the same seed must give equal lists.
     */
    static List<Object> curve(Algorithm algorithm) {
        try (algorithm) {
            for (int i = 0; i < 3; i++) {
                algorithm.train();
            }
            return List.of(algorithm.history().stream()
                    .map(r -> List.of(r.episodeReturnMean(), r.timestepsTotal())).toList(), algorithm.evaluate(5));
        }
    }
}
