package dev.rayo.bench;

/**
 * An extra measurement of a metric reported on its own row, when one figure alone would mislead: the
 * 1 GiB zero-copy get (it must not grow with size) or a copy into fresh shared memory (the page faults
 * the store pays and a copy into touched memory does not).
 *
 * @param label    what differs from the metric's own Rayo workload, as printed
 * @param baseline true when it is a second plain-JDK baseline (reported in the baseline column, with the
 *                 ratio of Rayo to it), false when it is a second Rayo measurement
 * @param factory  the workload
 */
public record Variant(String label, boolean baseline, WorkloadFactory factory) {
}
