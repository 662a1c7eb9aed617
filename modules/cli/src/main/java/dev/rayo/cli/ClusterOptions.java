package dev.rayo.cli;

import picocli.CommandLine.Option;

/** The options of every command that reads a running cluster: any member's address and the cluster's name. */
final class ClusterOptions {
    @Option(names = "--address", required = true, paramLabel = "HOST:PORT",
            description = "Any node of the cluster (no head needed).")
    String address;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "rayo", description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String clusterName;
}
