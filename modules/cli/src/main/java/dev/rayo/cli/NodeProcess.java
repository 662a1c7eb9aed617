package dev.rayo.cli;

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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Rayo node in a JVM of its own, the process {@code ./rayo start --block} runs: for programs that start
 * nodes themselves (the benchmarks, the multi-node tests). It waits for the node's ready line instead of
 * sleeping, and {@link #close()} kills the whole process tree whatever happened, so nothing is left behind.
 */
public final class NodeProcess implements AutoCloseable {
    private static final long READY_TIMEOUT_SECONDS = 120;
    /** The node prints a few lines on stdout (its log goes to stderr); more are not kept. */
    private static final int MAX_STDOUT_LINES = 1000;

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "rayo-node-stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java JVM_FLAGS -cp CLASSPATH dev.rayo.cli.RayoCli start --block START_ARGS} with its
     * stderr (the node's log) in {@code log}, and returns once the node is a cluster member; kills it if it
     * does not get there.
     */
    public static NodeProcess start(String name, List<String> jvmFlags, String classpath, Path log, List<String> startArgs)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classpath);
        command.add(RayoCli.class.getName());
        command.add("start");
        command.add("--block");
        command.addAll(startArgs);
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        NodeProcess node = new NodeProcess(name, p, log);
        try {
            node.ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.close();
            throw new IllegalStateException("node " + name + " did not start: " + e + "\n" + node.tailOfLog(), e);
        }
        return node;
    }

    /**
     * The {@code --add-opens}/{@code --add-exports} flags this JVM itself was started with, handed on to the
     * nodes it starts. Rayo needs none (and serializes the same way with or without them): a JVM started
     * without flags starts its nodes without flags.
     */
    public static List<String> encapsulationFlags() throws IOException {
        List<String> flags = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    /** A port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (stdout.size() < MAX_STDOUT_LINES) {
                    stdout.add(line);
                }
                if (line.startsWith(StartCommand.READY)) {
                    ready.complete(line.substring(StartCommand.READY.length()).strip().split(" ")[0]);
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
        ready.completeExceptionally(new IllegalStateException("node " + name + " exited before it was ready; see " + log));
    }

    /** The node's Akka address. */
    public String address() {
        return ready.join();
    }

    /** {@code host:port} of the node. */
    public String hostPort() {
        String a = address();
        return a.substring(a.indexOf('@') + 1);
    }

    /**
     * What follows {@code prefix} on the first line of the node's stdout that starts with it (such as the
     * {@code RAYO_DASHBOARD} line), or empty while the node has printed no such line.
     */
    public Optional<String> stdoutLine(String prefix) {
        return stdout.stream().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).strip());
    }

    /** The node's process id. */
    public long pid() {
        return process.pid();
    }

    /** The file the node logs to. */
    public Path log() {
        return log;
    }

    /** Stops the node politely (SIGTERM: it leaves the cluster) and waits for it to exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            close();
        }
    }

    /** The last lines of the node's log, for error messages. */
    public String tailOfLog() {
        return tailOf(log);
    }

    /** The last 40 lines of the log file {@code log}, for error messages about the process that writes it. */
    public static String tailOf(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Kills the node and every process it started, and waits for it. */
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
}
