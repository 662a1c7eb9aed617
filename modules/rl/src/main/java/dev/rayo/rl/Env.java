package dev.rayo.rl;

/**
 * An environment, one episode at a time, Gymnasium-style: {@link #reset} starts an episode, {@link #step}
 * advances it until it is terminated or truncated. Actions are discrete, {@code 0..numActions()-1}.
 */
public interface Env {
    /** The length of every observation. */
    int observationSize();

    /** How many discrete actions there are. */
    int numActions();

    /** Starts an episode and returns its first observation; the same seed gives the same observation. */
    double[] reset(long seed);

    /** Applies {@code action} and returns what followed. */
    StepResult step(int action);
}
