package dev.rayo.rl.runner;

/**
 * The shape of an env as checked by {@link EnvCheck}: what a learner needs to size its networks.
 *
 * @param observationSize the length of every observation
 * @param numActions      the number of discrete actions
 */
public record EnvSpec(int observationSize, int numActions) {
}
