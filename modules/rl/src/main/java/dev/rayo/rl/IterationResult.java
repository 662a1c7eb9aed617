package dev.rayo.rl;

import java.util.Map;

/**
 * What one {@link Algorithm#train()} call did, as RLlib's result dict in a typed form.
 *
 * @param iteration         1 for the first call, counting on across save and restore
 * @param episodeReturnMean the mean return of the episodes that finished during this iteration; NaN if none did
 * @param episodesThisIter  how many episodes finished during this iteration
 * @param timestepsTotal    env steps sampled since the algorithm was built (restored: since the original)
 * @param timeThisIterS     wall-clock seconds the iteration took
 * @param timestepsThisIter env steps sampled in this iteration
 * @param metrics           learner statistics (losses, entropy, epsilon ...), by name
 */
public record IterationResult(int iteration, double episodeReturnMean, int episodesThisIter, long timestepsTotal,
        double timeThisIterS, long timestepsThisIter, Map<String, Double> metrics) {

    /** Copies {@code metrics} so the result stays immutable. */
    public IterationResult {
        metrics = Map.copyOf(metrics);
    }

    /** A one-line summary for logs. */
    public String summary() {
        return String.format("iter %d  return %.1f  episodes %d  timesteps %d  %.2fs",
                iteration, episodeReturnMean, episodesThisIter, timestepsTotal, timeThisIterS);
    }
}
