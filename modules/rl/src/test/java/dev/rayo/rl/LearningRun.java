package dev.rayo.rl;

import java.util.ArrayList;
import java.util.List;

/** Test helper: trains within a bounded budget until the greedy policy scores a target. */
final class LearningRun {
    /** Episodes of the evaluation that decides: the bar is {@code evaluate(100)}. */
    static final int EVALUATION_EPISODES = 100;

    private LearningRun() {
    }

    /**
     * Trains at most {@code maxIterations} and stops as soon as {@code evaluate(100) >= target}. The greedy policy
     * is only evaluated once an iteration's (exploring) return reaches half the target, which keeps the evaluations
     * cheap; deciding on the evaluation itself, not on the training return, is what the test then asserts, since a
     * good training iteration does not imply a good greedy policy (A3C once trained at 315 and evaluated at 190).
     *
     * @return one line per iteration: its mean training return, and the evaluation where one was run
     */
    static List<String> untilEvaluationReaches(Algorithm algorithm, double target, int maxIterations) {
        List<String> curve = new ArrayList<>();
        for (int i = 0; i < maxIterations; i++) {
            double training = algorithm.train().episodeReturnMean();
            if (training >= target / 2) {
                double evaluation = algorithm.evaluate(EVALUATION_EPISODES);
                curve.add(String.format("%.1f (evaluate %.1f)", training, evaluation));
                if (evaluation >= target) {
                    break;
                }
            } else {
                curve.add(String.format("%.1f", training));
            }
        }
        System.out.println(algorithm.getClass().getSimpleName() + " learning curve: " + curve);
        return curve;
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
