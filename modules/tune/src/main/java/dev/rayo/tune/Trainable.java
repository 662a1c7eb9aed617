package dev.rayo.tune;

import java.io.Serializable;

/**
 * The code a trial runs: Ray Tune's function trainable. It is serializable because each trial runs it inside a
 * Rayo actor, perhaps on another node; a method reference to a static method is the usual form, and a lambda
 * must capture only serializable values ({@link Tuner.Builder#build()} checks this). It reports each iteration
 * through the {@link Reporter} and lets the {@link TrialStoppedException} that ends it propagate.
 */
@FunctionalInterface
public interface Trainable extends Serializable {
    /**
     * Trains with {@code config}, reporting every iteration; returning ends the trial as {@code TERMINATED}.
     *
     * @throws Exception anything the training throws: the trial fails ({@code ERROR}, or a restart while
     *                   {@code maxFailures} allows)
     */
    void train(TrialConfig config, Reporter reporter) throws Exception;
}
