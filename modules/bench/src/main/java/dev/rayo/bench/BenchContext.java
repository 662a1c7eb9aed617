package dev.rayo.bench;

/**
 * What a workload needs to know about the environment it runs in, so that the Rayo side and its baseline
 * use the same parallelism.
 *
 * @param numCpus       CPUs that run Rayo tasks (the worker node's, in the two-node environment); the
 *                      baselines size their pools with it
 * @param clientThreads driver threads of the multi-client metrics
 * @param workerResource a custom resource only the worker node has (two-node environment), else null
 */
public record BenchContext(int numCpus, int clientThreads, String workerResource) {
}
