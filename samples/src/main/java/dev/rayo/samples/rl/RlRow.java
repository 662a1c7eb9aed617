package dev.rayo.samples.rl;

/**
 * One training iteration as the sample prints and plots it.
 *
 * @param iteration  the iteration's number, from 1
 * @param returnMean the mean return of the episodes that finished in it (NaN if none did)
 * @param episodes   how many finished
 * @param timesteps  timesteps sampled since the start
 * @param seconds    wall-clock seconds of training since the start (evaluations not counted)
 * @param evaluation the mean return of the greedy evaluation after this iteration (NaN if none ran)
 */
public record RlRow(long iteration, double returnMean, long episodes, long timesteps, double seconds,
                    double evaluation) {
}
