package dev.rayo.rl;

/**
 * What one step of an {@link Env} returned, as Gymnasium's {@code step}.
 *
 * @param observation the observation after the step
 * @param reward      the reward for the step
 * @param terminated  the episode reached a terminal state (no bootstrapping from it)
 * @param truncated   the episode was cut short (a time limit), though not terminal
 */
public record StepResult(double[] observation, double reward, boolean terminated, boolean truncated) {
}
