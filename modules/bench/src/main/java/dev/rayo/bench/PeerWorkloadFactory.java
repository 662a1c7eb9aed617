package dev.rayo.bench;

/**
 * Makes the peer side of a metric once the peer's cluster is up, as {@link WorkloadFactory} does for the
 * Rayo side: the metric is declared before any cluster exists.
 */
@FunctionalInterface
public interface PeerWorkloadFactory {
    /** Creates the workload (untimed) against the started {@code peer}. */
    Workload create(BenchContext context, PeerCluster peer) throws Exception;
}
