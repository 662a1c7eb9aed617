package dev.rayo.rl.dqn;

import java.io.Serializable;

/**
 * A fragment of experience from one env runner, as flat arrays (one object, cheap to serialize): observations and
 * next observations are {@code count * observationSize} long. {@code terminated} marks steps with no bootstrap;
 * a truncated step is not terminal, so its next observation is still valued.
 *
 * @param observationSize  the length of one observation
 * @param observations     the observation each action was taken in
 * @param actions          the actions
 * @param rewards          the rewards
 * @param nextObservations what followed each action (the final observation at an episode's end)
 * @param terminated       whether the step ended the episode in a terminal state
 * @param episodeReturns   returns of the episodes that finished in this fragment
 */
public record Transitions(int observationSize, double[] observations, int[] actions, double[] rewards,
                          double[] nextObservations, boolean[] terminated, double[] episodeReturns)
        implements Serializable {

    /** How many steps the fragment holds. */
    public int count() {
        return actions.length;
    }
}
