package dev.rayo.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rayo needs no JVM flags (API.md, "Running a program"): neither the build's test {@code argLine} nor the
 * {@code ./rayo} launcher's {@code config/jvm-options} may open JDK packages, so the tests and the launched
 * programs take the same flag-free path a user's plain {@code java -cp} takes.
 */
class JvmOptionsTest {

    @Test
    void neitherTheBuildNorTheLauncherOpensJdkPackages() throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        assertFalse(pom.contains("--add-opens") || pom.contains("--add-exports"), "the parent pom passes JDK flags");
        for (String flag : fileFlags(Files.readAllLines(Path.of("..", "config", "jvm-options")))) {
            assertFalse(flag.startsWith("--add-opens") || flag.startsWith("--add-exports"), "config/jvm-options: " + flag);
        }
    }

    @Test
    void everyLineHoldsOneFlag() throws IOException {
        for (String flag : fileFlags(Files.readAllLines(Path.of("..", "config", "jvm-options")))) {
            assertTrue(flag.startsWith("-") && !flag.contains(" "), "not a single flag: '" + flag + "'");
        }
    }

    /** The flags the launcher passes: non-blank lines that are not comments, trimmed. */
    private static List<String> fileFlags(List<String> lines) {
        return lines.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
    }
}
