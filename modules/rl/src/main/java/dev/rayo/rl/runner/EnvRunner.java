package dev.rayo.rl.runner;

import dev.rayo.rl.EnvCreator;

/**
 * The actor behind one env runner: it owns a {@link RunnerState} and runs the {@link RolloutTask}s sent to it,
 * one at a time on its own thread. Public because Rayo constructs it by reference; algorithms use
 * {@link EnvRunnerGroup} rather than this class.
 */
public final class EnvRunner {
    private final RunnerState state;

    /** A runner whose env comes from {@code creator}, seeded by {@code seed}. */
    public EnvRunner(EnvCreator creator, Integer index, Long seed) {
        this.state = new RunnerState(creator, index, seed);
    }

    /** Runs {@code task} against this runner's state. */
    public Object run(RolloutTask<?> task) throws Exception {
        return task.run(state);
    }
}
