package dev.rayo.cli;

import picocli.CommandLine.Option;

/**
 * The options of every command that reads a running cluster: any member's address (checked by {@link StateCommand},
 * since commands that read the journal do without it) and the cluster's name.
 */
final class ClusterOptions {
    @Option(names = "--address", paramLabel = "HOST:PORT",
            description = "Any node of the cluster (no head needed); required, except with --journal where a command offers it.")
    String address;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "rayo", description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String clusterName;
}
