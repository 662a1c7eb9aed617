package dev.rayo.bench;

import dev.rayo.cli.NodeProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link PeerMember} in a JVM of its own on the bench's classpath: waits for its ready line instead of
 * sleeping, and {@link #close()} kills it whatever happened, so no member is left behind.
 */
final class PeerMemberProcess implements AutoCloseable {
    private static final long READY_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final Path log;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private PeerMemberProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "rayo-bench-peer-member-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the member listening on {@code port} and returns once it is up; kills it if it does not get there. */
    static PeerMemberProcess start(String clusterName, int port, int otherPort, int poolSize) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(NodeProcess.encapsulationFlags());
        command.add("-Dlogback.configurationFile=" + Bench.LOGBACK_CONFIG);
        command.add("-Dhazelcast.logging.type=slf4j");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PeerMember.class.getName());
        command.add(clusterName);
        command.add(Integer.toString(port));
        command.add(Integer.toString(otherPort));
        command.add(Integer.toString(poolSize));
        Path log = Files.createTempFile("rayo-bench-peer-member-", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        PeerMemberProcess member = new PeerMemberProcess(p, log);
        try {
            member.ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            String tail = member.tailOfLog();
            member.close();
            throw new IllegalStateException("the peer's second member did not start: " + e + "\n" + tail, e);
        }
        return member;
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(PeerMember.READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
        ready.completeExceptionally(new IllegalStateException("the peer member exited before it was ready"));
    }

    /** True while the process runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the member's log, for error messages. */
    String tailOfLog() {
        return NodeProcess.tailOf(log);
    }

    /** Kills the member, waits for it, and removes its log. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // Best effort: a temp file.
        }
    }
}
