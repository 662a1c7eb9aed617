package dev.rayo.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API.md: a program runs with a plain {@code java -cp} — no {@code --add-opens}, no other JVM flag. Starts
 * {@link FlagFreeProgram} exactly so, on the JDK the build runs on, with no JVM options inherited from the
 * environment either.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class NoJvmFlagsTest {

    @Test
    void aProgramRunsTasksActorsLambdasAndA100MbObjectWithoutJvmFlags() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), FlagFreeProgram.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        Process program = pb.start();
        String out = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(program.waitFor(240, TimeUnit.SECONDS), "the program did not finish:\n" + out);
        String checks = String.join("\n", out.lines().filter(l -> l.startsWith("OK ") || l.startsWith("FAIL ")).toList());
        assertFalse(out.contains("InaccessibleObjectException"), out);
        assertEquals(0, program.exitValue(), checks + "\n--- full output ---\n" + tail(out));
        assertTrue(out.contains("ALL CHECKS PASSED") && out.contains("OK   100 MB read by a task"), checks);
    }

    private static String tail(String out) {
        return out.length() > 20_000 ? out.substring(out.length() - 20_000) : out;
    }
}
