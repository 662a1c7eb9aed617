package dev.rayo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rayo}: start, stop and inspect Rayo nodes and the state of their cluster from the shell. */
@Command(name = "rayo", mixinStandardHelpOptions = true, versionProvider = RayoCli.Version.class,
        description = "Run Rayo nodes (a head, workers joining it) and look into the cluster: status, list, get, "
                + "summary, memory, timeline, dashboard.",
        subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class, ListCommand.class, GetCommand.class,
                SummaryCommand.class, MemoryCommand.class, TimelineCommand.class, DashboardCommand.class,
                TlsCommand.class})
public final class RayoCli implements Runnable {

    /** Whether this JVM runs the CLI as its own program ({@link #main}), not a command inside another program. */
    private static volatile boolean standalone;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        standalone = true;
        System.exit(execute(args));
    }

    /** Whether the CLI is this JVM's program, so that its commands may set the JVM's logging. */
    static boolean standalone() {
        return standalone;
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int execute(String... args) {
        return new CommandLine(new RayoCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version of the rayo-cli jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RayoCli.class.getPackage().getImplementationVersion();
            return new String[] {"rayo " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
