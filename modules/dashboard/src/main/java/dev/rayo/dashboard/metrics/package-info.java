/**
 * {@code /metrics}: the cluster's state and this JVM's metrics in the Prometheus text format, built afresh on
 * each scrape from an asynchronous read of every member, with low-cardinality labels only.
 */
package dev.rayo.dashboard.metrics;
