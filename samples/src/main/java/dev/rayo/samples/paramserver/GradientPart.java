package dev.rayo.samples.paramserver;

import java.io.Serializable;

/**
 * What one worker sends one server shard in a round.
 *
 * @param sum          the shard's slice of Xᵀ(Xw − y), summed over the worker's rows
 * @param squaredError Σ(Xw − y)² over the worker's rows (the same in every part of a round)
 * @param rows         how many rows the sums cover
 */
public record GradientPart(double[] sum, double squaredError, long rows) implements Serializable {
}
