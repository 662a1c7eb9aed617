/**
 * The {@code rayo} command line (picocli): {@code start}, {@code stop}, {@code status} and the state commands
 * ({@code list}, {@code get}, {@code summary}, {@code memory}, {@code timeline}, {@code dashboard}, which visit
 * the cluster through a {@code ClusterClient}), the registry of nodes
 * this machine started, and {@code NodeProcess}, which starts a node in a JVM of its own for the benchmarks
 * and the multi-process tests.
 */
package dev.rayo.cli;
