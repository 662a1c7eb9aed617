package dev.rayo.it;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rayo start} with bad input (a config file with an unknown, malformed or mistyped key, a --resources
 * JSON that does not parse, a wrong --address, a port in use, a store directory that is a file) fails with one
 * line on stderr that names what is wrong, and a non-zero status: 2 for input refused before a node is launched,
 * 1 for a node that could not start. No stack trace reaches the shell, and a node already running still serves.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class BadInputCliTest {
    @TempDir
    Path stateDir;

    private record Result(int exit, String out, String err) {
    }

    /** Runs {@code rayo ARGS} (a launcher that puts a node in the background) and keeps stdout and stderr apart. */
    private Result rayo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-Dlogback.configurationFile=" + TestNodes.CLI_LOGBACK, "-cp",
                System.getProperty("java.class.path"), "dev.rayo.cli.RayoCli"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(stateDir, "stderr-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().put("RAYO_STATE_DIR", stateDir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "rayo " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    /** {@code rayo ARGS} failed with {@code exit} and one line on stderr that contains every one of {@code expected}. */
    private String assertOneLineError(int exit, Result r, String... expected) {
        String err = r.err().strip();
        assertEquals(exit, r.exit(), r.out() + err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace, no exception names: " + err);
        assertTrue(err.startsWith("rayo start: "), err);
        for (String s : expected) {
            assertTrue(err.contains(s), "names " + s + ": " + err);
        }
        System.out.println("exit " + r.exit() + ": " + err);
        return err;
    }

    /** Whether the launcher started no node JVM for the command (the node registry has no log). */
    private boolean noNodeLaunched() throws IOException {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.noneMatch(f -> f.getFileName().toString().startsWith("node-"));
        }
    }

    @Test
    void badConfigFilesAreRefusedBeforeANodeIsLaunched() throws Exception {
        Path unknown = Files.writeString(stateDir.resolve("unknown.conf"), "rayo.num-cpu = 2\n");
        assertOneLineError(2, rayo("start", "--head", "--config", unknown.toString()), "rayo.num-cpu", "unknown");
        Path mistyped = Files.writeString(stateDir.resolve("mistyped.conf"), "rayo.num-cpus = many\n");
        assertOneLineError(2, rayo("start", "--head", "--config", mistyped.toString()), "rayo.num-cpus");
        Path malformed = Files.writeString(stateDir.resolve("malformed.conf"), "rayo {\n  num-cpus = 2\n");
        assertOneLineError(2, rayo("start", "--head", "--config", malformed.toString()), "malformed.conf");
        assertOneLineError(2, rayo("start", "--head", "--config", stateDir.resolve("missing.conf").toString()),
                "missing.conf", "no such file");
        assertTrue(noNodeLaunched());
    }

    @Test
    void resourcesThatDoNotParseAreAUsageError() throws Exception {
        assertOneLineError(2, rayo("start", "--head", "--resources", "{bad"), "--resources", "{bad");
        assertOneLineError(2, rayo("start", "--head", "--resources", "{\"Gizmo\": \"many\"}"), "--resources", "Gizmo");
        assertTrue(noNodeLaunched());
    }

    @Test
    void malformedAddressIsAUsageError() throws Exception {
        assertOneLineError(2, rayo("start", "--address", "no-port-here"), "--address", "no-port-here");
        assertOneLineError(2, rayo("start", "--address", "127.0.0.1:99999"), "--address", "99999");
        assertTrue(noNodeLaunched());
    }

    @Test
    void addressWhereNoRayoNodeAnswersFailsWithinTheStartupTimeout() throws Exception {
        Path quick = Files.writeString(stateDir.resolve("quick.conf"), "rayo.startup-timeout = 5s\n");
        String nothing = "127.0.0.1:" + TestNodes.freePort();
        long start = System.nanoTime();
        assertOneLineError(1, rayo("start", "--address", nothing, "--config", quick.toString()),
                nothing, "did not become a cluster member");
        // A port where something else listens: it accepts the connection and never speaks Artery.
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread sink = new Thread(() -> swallow(other), "not-rayo");
            sink.setDaemon(true);
            sink.start();
            String notRayo = "127.0.0.1:" + other.getLocalPort();
            assertOneLineError(1, rayo("start", "--address", notRayo, "--config", quick.toString()),
                    notRayo, "did not become a cluster member");
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(200), "no hang beyond the startup timeout");
    }

    /** Accepts connections and reads whatever comes, answering nothing, until the socket closes. */
    private static void swallow(ServerSocket server) {
        try {
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream()) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException closed) {
                        // The node gave up on this connection.
                    }
                }, "not-rayo-conn");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // The test closed the server.
        }
    }

    @Test
    void portInUseAndUnwritableStoreFailTheNewNodeAndTheRunningOneStillServes() throws Exception {
        int headPort = TestNodes.freePort();
        NodeProcess head = TestNodes.start("badinput-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
        try {
            assertOneLineError(1, rayo("start", "--head", "--port", Integer.toString(headPort)),
                    "port " + headPort, "in use");
            Path file = Files.writeString(stateDir.resolve("store-is-a-file"), "x");
            for (Path bad : List.of(file, file.resolve("store"))) {
                assertOneLineError(1, rayo("start", "--address", "127.0.0.1:" + headPort, "--object-store-dir", bad.toString()),
                        "rayo.object-store.directory", bad.toString());
            }
            assertEquals("x", Files.readString(file), "the file is left as it was");
            Rayo.init(RayoConfig.builder().address("127.0.0.1:" + headPort).build());
            try {
                assertEquals("127.0.0.1:" + headPort, Rayo.get(Rayo.task(ClusterFns::whereAmI, 0).remote()),
                        "the head still runs tasks");
                int members = 0;
                for (akka.cluster.Member m : akka.cluster.typed.Cluster.get(((AkkaRayoRuntime) Rayo.runtime()).system())
                        .state().getMembers()) {
                    members++;
                }
                assertEquals(2, members, "the head and this driver: the failed nodes never joined");
            } finally {
                Rayo.shutdown();
            }
        } finally {
            TestNodes.closeAll(head);
        }
    }
}
