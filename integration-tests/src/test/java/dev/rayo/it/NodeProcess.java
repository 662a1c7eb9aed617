package dev.rayo.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Rayo node in its own JVM, started with {@code rayo start --block} on the test classpath. Its stderr
 * (logs) goes to {@code target/it-logs/NAME.log}; the test waits for the node's ready line instead of
 * sleeping, and {@link #close()} kills the whole process tree whatever happened.
 */
final class NodeProcess implements AutoCloseable {
    private static final String READY = "RAYO_NODE_READY ";
    /** The CLI's logging set-up (INFO to stderr), named by path: the samples jar has a logback.xml too. */
    static final String CLI_LOGBACK = Path.of("..", "modules", "cli", "src", "main", "resources", "logback.xml")
            .toAbsolutePath().normalize().toString();

    private final String name;
    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code rayo start --block ARGS} and waits until the node is a cluster member. */
    static NodeProcess start(String name, String... args) throws IOException {
        return start(name, System.getProperty("java.class.path"), args);
    }

    /** Like {@link #start(String, String...)} with the test classes left off the node's classpath. */
    static NodeProcess startWithoutTestClasses(String name, String... args) throws IOException {
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().toString().equals(testClasses))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return start(name, classpath, args);
    }

    private static NodeProcess start(String name, String classpath, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")) {
                command.add(arg);
            }
        }
        // The nodes log with the CLI's logback.xml, not this module's logback-test.xml (the driver's).
        command.add("-Dlogback.configurationFile=" + CLI_LOGBACK);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classpath);
        command.add("dev.rayo.cli.RayoCli");
        command.add("start");
        command.add("--block");
        command.addAll(List.of(args));
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        NodeProcess node = new NodeProcess(name, p, log);
        node.awaitReady();
        return node;
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(READY)) {
                    ready.complete(line.substring(READY.length()).split(" ")[0]);
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
        ready.completeExceptionally(new IllegalStateException("node " + name + " exited before it was ready; see " + log));
    }

    private void awaitReady() {
        try {
            ready.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("node " + name + " did not start: " + e + "\n" + tailOfLog(), e);
        }
    }

    /** The node's Akka address. */
    String address() {
        return ready.join();
    }

    /** {@code host:port} of the node. */
    String hostPort() {
        String a = address();
        return a.substring(a.indexOf('@') + 1);
    }

    /** The node's process id. */
    long pid() {
        return process.pid();
    }

    /** Stops the node politely (SIGTERM: it leaves the cluster) and waits for it to exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            close();
        }
    }

    /** Kills the node and every process it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** A port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
