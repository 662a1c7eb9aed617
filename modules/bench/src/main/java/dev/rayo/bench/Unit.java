package dev.rayo.bench;

/**
 * What a metric's figure counts. Throughput units grow with speed, {@link #MICROS} shrinks with it; the
 * report needs to know which, to turn a round's operations and time into one figure.
 */
public enum Unit {
    /** Operations per second: one operation as BENCHMARKS.md defines it for the metric. */
    OPS_PER_S("ops/s", true),
    /** Gigabytes (10^9 bytes) per second; a workload then counts bytes as its operations. */
    GB_PER_S("GB/s", true),
    /** Microseconds per operation. */
    MICROS("µs", false);

    private final String label;
    private final boolean higherIsBetter;

    Unit(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** The unit as printed in the table and JSON. */
    public String label() {
        return label;
    }

    /** True for throughputs, false for latencies. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The figure of {@code ops} operations done in {@code nanos} nanoseconds of timed work. */
    public double figure(long ops, long nanos) {
        double seconds = nanos / 1e9;
        return switch (this) {
            case OPS_PER_S -> ops / seconds;
            case GB_PER_S -> ops / seconds / 1e9;
            case MICROS -> nanos / 1e3 / ops;
        };
    }
}
