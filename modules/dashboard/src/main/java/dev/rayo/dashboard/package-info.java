/**
 * The dashboard of a Rayo cluster (OPERATIONS.md): an Akka HTTP server that any member runs beside its node,
 * serving the pages, the JSON state API, the timeline and {@code /metrics}, reading the whole cluster's state
 * through {@link dev.rayo.runtime.state.ClusterState}.
 */
package dev.rayo.dashboard;
