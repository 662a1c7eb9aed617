package dev.rayo.rl.es;

import java.io.Serializable;

/**
 * What one env runner sends back for an ES iteration, as in Salimans et al. (2017): the noise indices it drew and
 * the returns of the two antithetic episodes for each, plus the returns of unperturbed episodes for reporting and
 * the number of steps taken. No parameters and no noise travel back: the learner re-reads the noise from its own
 * copy of the table.
 *
 * @param noiseIndices    where each perturbation starts in the noise table
 * @param positiveReturns the return with {@code theta + sigma * noise}, one per index
 * @param negativeReturns the return with {@code theta - sigma * noise}, one per index
 * @param evalReturns     returns of episodes with the unperturbed policy
 * @param timesteps       environment steps taken, all episodes together
 */
public record EsSamples(int[] noiseIndices, double[] positiveReturns, double[] negativeReturns,
                        double[] evalReturns, long timesteps) implements Serializable {
}
