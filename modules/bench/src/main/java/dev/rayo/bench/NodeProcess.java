package dev.rayo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Rayo node in its own JVM: {@code java <add-opens flags> -cp <this classpath> dev.rayo.cli.RayoCli
 * start --block ARGS}, the process {@code ./rayo start} runs. The bench waits for the node's
 * {@code RAYO_NODE_READY} line rather than sleeping, and {@link #close()} kills the process tree
 * whatever happened, so a failed metric never leaves a node behind.
 */
final class NodeProcess implements AutoCloseable {
    private static final String READY = "RAYO_NODE_READY ";
    private static final long READY_TIMEOUT_SECONDS = 120;

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "rayo-bench-stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the node and returns once it is a cluster member; kills it if it does not get there. */
    static NodeProcess start(String name, List<String> startArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-Dlogback.configurationFile=" + Bench.LOGBACK_CONFIG);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.rayo.cli.RayoCli");
        command.add("start");
        command.add("--block");
        command.addAll(startArgs);
        Path log = Files.createTempFile("rayo-bench-" + name + "-", ".log");
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
     * The JDK 17 encapsulation flags the runtime needs: this JVM's own (the launcher and surefire pass
     * them), else the lines of config/jvm-options found from the working directory upwards.
     */
    static List<String> jvmFlags() throws IOException {
        List<String> flags = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                flags.add(arg);
            }
        }
        if (!flags.isEmpty()) {
            return flags;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path options = dir.resolve("config").resolve("jvm-options");
            if (Files.isRegularFile(options)) {
                for (String line : Files.readAllLines(options, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        flags.add(l);
                    }
                }
                return flags;
            }
        }
        return flags;
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
        ready.completeExceptionally(new IllegalStateException("node " + name + " exited before it was ready"));
    }

    /** The last lines of the node's log, for error messages. */
    String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Kills the node and its descendants, waits for it, and removes its log. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // Best effort.
        }
    }
}
