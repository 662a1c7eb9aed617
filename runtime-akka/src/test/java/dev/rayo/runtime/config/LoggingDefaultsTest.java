package dev.rayo.runtime.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A program embedding Rayo, run with a plain {@code java -cp}: with no logging configuration of its own it
 * logs INFO and above (no flood of DEBUG lines), and its own {@code logback.xml} is honoured as written. The
 * children's classpath is this JVM's minus every entry holding a logback file (this module's test classes
 * carry a {@code logback-test.xml}), so what the children see is exactly what a user's program would.
 */
class LoggingDefaultsTest {
    private static final Pattern DEBUG_LINE = Pattern.compile("\\bDEBUG\\b");
    private static final List<String> LOGBACK_FILES = List.of("logback.xml", "logback-test.xml", "logback.groovy");

    @TempDir
    Path tmp;

    @Test
    void noRuntimeJarShipsALogbackConfiguration() throws IOException {
        // The main classpath of Rayo's runtime (its jars and their dependencies) must never carry a logback.xml,
        // which would take the place of the host application's own.
        assertEquals(List.of(), Collections.list(ClassLoader.getSystemClassLoader().getResources("logback.xml")));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aProgramWithNoLoggingConfigurationLogsInfoAndNoDebug() throws Exception {
        String out = runChild(childClasspath(), "nocfg");
        assertTrue(out.contains("RESULT 42"), out);
        List<String> debug = out.lines().filter(l -> DEBUG_LINE.matcher(l).find()).toList();
        assertEquals(List.of(), debug, "DEBUG lines of a program that configured no logging");
        assertTrue(out.contains("child info line"), "INFO goes to the console by default:\n" + out);
        assertFalse(out.contains(" INFO akka."), "Akka's internals log WARN and above by default:\n" + out);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aProgramsOwnLogbackConfigurationIsHonoured() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("app-config"));
        Files.writeString(config.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>HOSTCFG %level %logger - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="app.child" level="DEBUG"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        List<String> classpath = childClasspath();
        classpath.add(config.toString());
        String out = runChild(classpath, "hostcfg");
        assertTrue(out.contains("RESULT 42"), out);
        assertTrue(out.contains("HOSTCFG DEBUG app.child - child debug line"), "the program's DEBUG logger:\n" + out);
        assertTrue(out.contains("HOSTCFG INFO app.child - child info line"), out);
        assertFalse(out.lines().anyMatch(l -> l.startsWith("HOSTCFG INFO akka") || l.startsWith("HOSTCFG DEBUG akka")),
                "the program's root level WARN holds for Akka:\n" + out);
    }

    /** This JVM's classpath without logback files, plus a folder holding only {@link LoggingChild}. */
    private List<String> childClasspath() throws IOException, URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !holdsLogbackFile(Paths.get(entry))) {
                entries.add(entry);
            }
        }
        Path testClasses = Paths.get(LoggingChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = LoggingChild.class.getPackageName().replace('.', '/').transform(testClasses::resolve);
        Path target = Files.createDirectories(tmp.resolve("child-classes").resolve(testClasses.relativize(pkg)));
        try (DirectoryStream<Path> classes = Files.newDirectoryStream(pkg, "LoggingChild*.class")) {
            for (Path c : classes) {
                Files.copy(c, target.resolve(c.getFileName().toString()));
            }
        }
        entries.add(tmp.resolve("child-classes").toString());
        return entries;
    }

    private static boolean holdsLogbackFile(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return LOGBACK_FILES.stream().anyMatch(f -> Files.exists(entry.resolve(f)));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return LOGBACK_FILES.stream().anyMatch(f -> jar.getEntry(f) != null);
        }
    }

    /** Runs {@link LoggingChild} with a plain {@code java -cp} (plus this JVM's {@code --add-opens}); its output. */
    private String runChild(List<String> classpath, String name) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(LoggingChild.class.getName());
        command.add("logtest-" + name + "-" + ProcessHandle.current().pid());
        command.add(Files.createDirectories(tmp.resolve("store-" + name)).toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = child.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertEquals(0, child.exitValue(), out);
        return out;
    }
}
