package dev.rayo.bench;

/**
 * Makes a {@link Workload} once its environment is up: a metric is declared before Rayo is started, but
 * its workload creates actors, puts objects and spawns pools, which needs the running cluster.
 */
@FunctionalInterface
public interface WorkloadFactory {
    /** Creates the workload (untimed); it may submit warm-up work. */
    Workload create(BenchContext context) throws Exception;
}
