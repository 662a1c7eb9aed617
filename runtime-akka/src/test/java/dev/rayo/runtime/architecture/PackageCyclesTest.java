package dev.rayo.runtime.architecture;

import dev.rayo.runtime.config.RuntimeTuning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The package structure of the runtime, read by {@code jdeps} from the compiled classes of this module:
 * <ol>
 *   <li>no cycle among the packages {@code dev.rayo.runtime.*} (a failure names each group of packages that
 *       depend on each other, its cycles, and one class dependency per edge: what to cut);</li>
 *   <li>no subpackage depends on the root package {@code dev.rayo.runtime} (the root assembles the others);</li>
 *   <li>{@code dev.rayo.runtime.wire} (the messages between nodes) depends on no other runtime package.</li>
 * </ol>
 * The classes are those of the class folder holding {@link RuntimeTuning} ({@code target/classes} under Maven),
 * or of the folder named by the system property {@code rayo.architecture.classes}.
 */
class PackageCyclesTest {
    static final String ROOT = "dev.rayo.runtime";
    static final String WIRE = ROOT + ".wire";

    private static PackageGraph graph;

    @BeforeAll
    static void analyse() {
        Path classes = classesDir();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("no jdeps tool in this JVM (" + System.getProperty("java.home")
                        + "): run the tests on a JDK (module jdk.jdeps)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // -filter:none keeps the dependencies within this archive (jdeps drops them by default);
        // -e keeps only those on dev.rayo.runtime classes.
        int exit = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "-verbose:class", "-filter:none", "-e", "dev\\.rayo\\.runtime(\\..*)?", classes.toString());
        assertEquals(0, exit, () -> "jdeps failed on " + classes + ":\n" + err + out);
        graph = PackageGraph.fromJdeps(out.toString(), ROOT);
        assertFalse(graph.packages().isEmpty(), () -> "jdeps found no dependency between packages of " + ROOT
                + " in " + classes + ":\n" + out);
    }

    /** The class folder of this module: holding the compiled runtime, with dev/rayo/runtime in it. */
    private static Path classesDir() {
        String configured = System.getProperty("rayo.architecture.classes");
        Path dir = configured != null ? Path.of(configured) : null;
        if (dir == null) {
            CodeSource source = RuntimeTuning.class.getProtectionDomain().getCodeSource();
            try {
                Path location = source == null ? null : Path.of(source.getLocation().toURI());
                dir = location != null && Files.isDirectory(location) ? location : Path.of("target", "classes");
            } catch (URISyntaxException e) {
                dir = Path.of("target", "classes");
            }
        }
        if (!Files.isDirectory(dir.resolve("dev/rayo/runtime"))) {
            fail("no compiled runtime classes in " + dir.toAbsolutePath()
                    + " (compile the module first, or set -Drayo.architecture.classes=<class folder>)");
        }
        return dir;
    }

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        String report = graph.cycleReport(ROOT, 30);
        assertTrue(report.isEmpty(), () -> "Package cycles in " + ROOT + ": " + report);
    }

    @Test
    void noSubpackageDependsOnTheRootPackage() {
        List<String> edges = graph.edgesInto(ROOT);
        assertTrue(edges.isEmpty(), () -> edges.size() + " package(s) depend on the root package " + ROOT
                + ", which should only assemble them:\n  " + String.join("\n  ", edges));
    }

    @Test
    void wireDependsOnNoOtherRuntimePackage() {
        List<String> edges = graph.edgesOutOf(WIRE);
        assertTrue(edges.isEmpty(), () -> WIRE + " (the messages between nodes) must depend on no other package of "
                + ROOT + ", but:\n  " + String.join("\n  ", edges));
    }
}
