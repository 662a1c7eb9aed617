package dev.rayo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The timed rounds of one workload: the median round is the figure (robust to one round disturbed by
 * GC or the other JVM), min and max show the spread, and the latency percentiles come from every timed
 * operation of all rounds.
 *
 * @param rounds     the figure of each timed round, in order
 * @param ops        operations timed over all rounds
 * @param p50Micros  median latency of one operation in µs, when latencies were recorded
 * @param p99Micros  99th percentile latency in µs, when latencies were recorded
 */
public record Measurement(List<Double> rounds, long ops, Double p50Micros, Double p99Micros) {

    /** Copies the round list. */
    public Measurement {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one round");
        }
        rounds = List.copyOf(rounds);
    }

    /** The median round (the mean of the two middle ones for an even count). */
    public double median() {
        List<Double> sorted = new ArrayList<>(rounds);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The lowest round. */
    public double min() {
        return Collections.min(rounds);
    }

    /** The highest round. */
    public double max() {
        return Collections.max(rounds);
    }

    /** True when latency percentiles were recorded. */
    public boolean hasPercentiles() {
        return p50Micros != null;
    }
}
