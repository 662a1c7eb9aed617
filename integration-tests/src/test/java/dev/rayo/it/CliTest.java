package dev.rayo.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rayo start} without --block puts a node in the background and prints its pid; {@code rayo stop} stops it. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class CliTest {
    @TempDir
    Path stateDir;

    private record Result(int exit, String out) {
    }

    private Result rayo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-Dlogback.configurationFile=" + TestNodes.CLI_LOGBACK, "-cp",
                System.getProperty("java.class.path"), "dev.rayo.cli.RayoCli"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("RAYO_STATE_DIR", stateDir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "rayo " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), out);
    }

    @Test
    void startInTheBackgroundThenStatusThenStop() throws Exception {
        int port = TestNodes.freePort();
        Result start = rayo("start", "--head", "--port", Integer.toString(port), "--num-cpus", "1",
                "--resources", "{\"Gizmo\": 3}");
        assertEquals(0, start.exit(), start.out());
        Matcher pid = Pattern.compile("Started Rayo node akka://rayo@127\\.0\\.0\\.1:" + port + " \\(pid (\\d+)").matcher(start.out());
        assertTrue(pid.find(), start.out());
        ProcessHandle node = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        try {
            assertTrue(node.isAlive(), "the node runs in the background after start returned");
            Result status = rayo("status", "--address", "127.0.0.1:" + port);
            assertEquals(0, status.exit(), status.out());
            assertTrue(status.out().contains("127.0.0.1:" + port) && status.out().contains("Gizmo"), status.out());
            Result stop = rayo("stop");
            assertEquals(0, stop.exit(), stop.out());
            assertTrue(stop.out().contains("Stopped 1 node(s)."), stop.out());
            assertFalse(node.isAlive(), "stop waited for the node to exit");
            assertTrue(rayo("stop").out().contains("No Rayo nodes were running."));
            Result help = rayo("start", "--help");
            assertTrue(help.out().contains("--object-store-dir") && help.out().contains("--code-path"), help.out());
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    void startWithoutHeadOrAddressIsAUsageError() throws Exception {
        assertEquals(2, rayo("start").exit());
    }
}
