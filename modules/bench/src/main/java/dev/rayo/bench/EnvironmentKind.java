package dev.rayo.bench;

/**
 * Where a metric runs. Metrics of one kind share one started environment, so the suite pays for a
 * cluster start (and a second JVM) once per kind, not once per metric.
 */
public enum EnvironmentKind {
    /** {@code Rayo.init} with N CPUs inside the bench JVM. */
    SINGLE_NODE,
    /** The bench JVM as a head with no CPUs and its own store, plus a second node JVM with the CPUs. */
    TWO_NODES
}
