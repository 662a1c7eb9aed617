package dev.rayo.samples.paramserver;

import java.util.List;

/**
 * What a parameter-server run learned.
 *
 * @param roundLosses the mean squared error at the weights each round started from
 * @param finalLoss   the mean squared error at the weights after the last round
 * @param weights     the weights after the last round
 */
public record Training(List<Double> roundLosses, double finalLoss, double[] weights) {
}
