package dev.rayo.samples.treereduce;

/**
 * The outcome of one way of summing the values.
 *
 * @param sum     the total
 * @param adds    how many slow adds ran
 * @param depth   the longest chain of adds that had to run one after another
 * @param seconds wall time
 */
public record Reduction(int sum, int adds, int depth, double seconds) {
}
