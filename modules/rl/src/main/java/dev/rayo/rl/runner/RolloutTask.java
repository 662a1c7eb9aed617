package dev.rayo.rl.runner;

import java.io.Serializable;

/**
 * Work an algorithm ships to an env runner: typically "sample so many steps with these weights" or "evaluate
 * these perturbations". Serializable because it travels to the runner's actor, possibly on another node; the
 * values it captures (weights, object refs) travel with it.
 *
 * @param <R> what the runner sends back (a batch of transitions, returns, gradients)
 */
@FunctionalInterface
public interface RolloutTask<R> extends Serializable {
    /** Runs on the runner's own thread against its state, which persists between tasks. */
    R run(RunnerState state) throws Exception;
}
