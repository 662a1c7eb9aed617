package dev.rayo.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional JVM flags are listed twice: the parent pom's {@code rayo.jvm.opens} (documentation for
 * builds that want them; the tests run without them) and {@code config/jvm-options} (passed by the
 * {@code ./rayo} launcher). This keeps the two lists identical.
 */
class JvmOptionsTest {
    private static final Pattern PROPERTY = Pattern.compile("<rayo\\.jvm\\.opens>(.*?)</rayo\\.jvm\\.opens>", Pattern.DOTALL);

    @Test
    void launcherOptionsEqualThePomProperty() throws IOException {
        List<String> fromPom = pomFlags(Files.readString(Path.of("..", "pom.xml")));
        List<String> fromFile = fileFlags(Files.readAllLines(Path.of("..", "config", "jvm-options")));
        assertFalse(fromPom.isEmpty(), "rayo.jvm.opens is empty");
        assertEquals(fromPom, fromFile, "config/jvm-options must list exactly the flags of rayo.jvm.opens in pom.xml");
    }

    @Test
    void everyLineHoldsOneFlag() throws IOException {
        for (String flag : fileFlags(Files.readAllLines(Path.of("..", "config", "jvm-options")))) {
            assertTrue(flag.startsWith("-") && !flag.contains(" "), "not a single flag: '" + flag + "'");
        }
    }

    private static List<String> pomFlags(String pom) {
        Matcher m = PROPERTY.matcher(pom);
        assertTrue(m.find(), "pom.xml has no rayo.jvm.opens property");
        return Arrays.stream(m.group(1).trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    /** The flags the launcher passes: non-blank lines that are not comments, trimmed. */
    private static List<String> fileFlags(List<String> lines) {
        return lines.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
    }
}
