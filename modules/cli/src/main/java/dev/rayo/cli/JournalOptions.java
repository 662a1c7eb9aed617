package dev.rayo.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of a state command that can read the task history from the journal database instead of a running
 * cluster: {@code --journal}, and the node config file that names the database.
 */
final class JournalOptions {
    @Option(names = "--journal",
            description = "Read the tasks that nodes exported (rayo.events.export = jdbc) from the journal database "
                    + "instead of a running cluster (no --address); the cluster may be gone.")
    boolean journal;

    @Option(names = "--config", paramLabel = "FILE",
            description = "With --journal: the nodes' HOCON config file naming the journal database, e.g. one based on "
                    + "config/postgres.conf (default: application.conf, else the H2 file of a node started without one).")
    Path configFile;
}
