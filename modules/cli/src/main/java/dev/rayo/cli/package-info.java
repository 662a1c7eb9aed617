/**
 * The {@code rayo} command line ({@code start}, {@code stop}, {@code status}, picocli), the registry of nodes
 * this machine started, and {@code NodeProcess}, which starts a node in a JVM of its own for the benchmarks
 * and the multi-process tests.
 */
package dev.rayo.cli;
