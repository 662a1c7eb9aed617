package dev.rayo.rl;

import java.nio.file.Path;

/**
 * Restores any algorithm from a checkpoint without the caller naming its class: the checkpoint holds the config,
 * and the config knows how to build its algorithm (RLlib's {@code Algorithm.from_checkpoint}).
 */
public final class Algorithms {
    private Algorithms() {
    }

    /**
     * Rebuilds the algorithm saved in {@code dir} with its env made by {@code envCreator}, its learned state and its
     * iteration and timestep counters; it starts its own env runners and can train on or serve actions.
     *
     * @throws IllegalArgumentException {@code dir} holds no readable checkpoint, or the env does not fit
     */
    public static Algorithm restore(Path dir, EnvCreator envCreator) {
        Checkpoint checkpoint = Checkpoint.read(dir);
        AlgorithmConfig<?> config = checkpoint.config();
        config.env(envCreator);
        Algorithm algorithm = config.build();
        try {
            algorithm.restoreState(checkpoint.state());
            algorithm.restoreCounters(checkpoint.iteration(), checkpoint.timestepsTotal());
            return algorithm;
        } catch (RuntimeException e) {
            algorithm.stop();
            throw e;
        }
    }
}
