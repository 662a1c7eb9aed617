package dev.rayo.it;


import dev.rayo.cli.NodeProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts the tests' nodes: {@code rayo start --block} on the test classpath, logging to
 * {@code target/it-logs/NAME.log}, with small-heap JIT and GC settings so that a few nodes fit on two cores.
 */
final class TestNodes {
    /** The CLI's logging set-up (INFO to stderr), named by path: the samples jar has a logback.xml too. */
    static final String CLI_LOGBACK = Path.of("..", "modules", "cli", "src", "main", "resources", "logback.xml")
            .toAbsolutePath().normalize().toString();

    private TestNodes() {
    }

    /** Starts {@code rayo start --block ARGS} and waits until the node is a cluster member. */
    static NodeProcess start(String name, String... args) throws IOException {
        return start(name, System.getProperty("java.class.path"), args);
    }

    /** Like {@link #start(String, String...)} with the test classes left off the node's classpath. */
    static NodeProcess startWithoutTestClasses(String name, String... args) throws IOException {
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().toString().equals(testClasses))
                .collect(Collectors.joining(File.pathSeparator));
        return start(name, classpath, args);
    }

    /** Stops the node processes of a test, last started first; nulls (nodes that never started) are skipped. */
    static void closeAll(NodeProcess... nodes) {
        for (NodeProcess p : nodes) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** A port nothing listens on right now. */
    static int freePort() throws IOException {
        return NodeProcess.freePort();
    }

    private static NodeProcess start(String name, String classpath, String... args) throws IOException {
        List<String> flags = new ArrayList<>(NodeProcess.encapsulationFlags());
        // The nodes log with the CLI's logback.xml, not this module's logback-test.xml (the driver's).
        flags.add("-Dlogback.configurationFile=" + CLI_LOGBACK);
        flags.add("-XX:+UseSerialGC");
        flags.add("-XX:TieredStopAtLevel=1");
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        return NodeProcess.start(name, flags, classpath, logs.resolve(name + ".log"), List.of(args));
    }
}
