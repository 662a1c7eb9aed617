package dev.rayo.runtime.architecture;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The graph logic of {@link PackageCyclesTest} on hand-made graphs: it finds the cycles that are there, and only those. */
class PackageGraphTest {
    private static final String ROOT = "r";

    private static PackageGraph graph(String... edges) {
        PackageGraph g = new PackageGraph();
        for (String edge : edges) {
            String[] ends = edge.split("->");
            String from = ends[0].trim();
            String to = ends[1].trim();
            g.add(from, to, from + ".A -> " + to + ".B");
        }
        return g;
    }

    @Test
    void findsTheCyclesOfACyclicGraph() {
        // r.a -> r.b -> r.c -> r.a and r.a <-> r.e form one group; r.d -> r.a and r.c -> r.f hang off it.
        PackageGraph g = graph("r.a -> r.b", "r.b -> r.c", "r.c -> r.a", "r.d -> r.a", "r.a -> r.e", "r.e -> r.a",
                "r.c -> r.f", "r.g -> r.h", "r.h -> r.g");
        assertEquals(List.of(Set.of("r.a", "r.b", "r.c", "r.e"), Set.of("r.g", "r.h")), g.cyclicComponents());
        assertEquals(List.of(List.of("r.a", "r.e"), List.of("r.a", "r.b", "r.c")),
                g.shortestCycles(Set.of("r.a", "r.b", "r.c", "r.e")));
        String report = g.cycleReport(ROOT, 10);
        assertTrue(report.startsWith("2 group(s)"), report);
        assertTrue(report.contains("cycle: a -> b -> c -> a"), report);
        assertTrue(report.contains("cycle: a -> e -> a"), report);
        assertTrue(report.contains("r.c.A -> r.a.B"), report);
        assertTrue(report.contains("cycle: g -> h -> g"), report);
        assertTrue(!report.contains("r.d") && !report.contains("r.f"), report);
    }

    @Test
    void findsNoCycleInAnAcyclicGraph() {
        PackageGraph g = graph("r.a -> r.b", "r.b -> r.c", "r.a -> r.c", "r.d -> r.a", "r.d -> r.c");
        assertEquals(List.of(), g.cyclicComponents());
        assertEquals("", g.cycleReport(ROOT, 10));
    }

    @Test
    void stronglyConnectedComponentsOfAPlainMap() {
        assertEquals(List.of(Set.of("x", "y", "z")),
                PackageGraph.stronglyConnected(Map.of("x", List.of("y"), "y", List.of("z"), "z", List.of("x", "w"))));
        assertEquals(List.of(Set.of("s")), PackageGraph.stronglyConnected(Map.of("s", List.of("s"))), "a self-loop");
        assertEquals(List.of(), PackageGraph.stronglyConnected(Map.of("x", List.of("y"), "y", List.of("z"))));
    }

    @Test
    void readsJdepsOutput() {
        String jdeps = """
                classes -> /work/classes
                   r.Main                   -> r.a.Foo                classes
                   r.a.Foo                  -> r.a.Bar                classes
                   r.a.Foo                  -> r.b.Baz$Inner          classes
                   r.a.Foo                  -> r.b.Qux                classes
                   r.b.Baz                  -> r.Main                 classes
                   r.b.Baz                  -> java.lang.String       java.base
                   r.w.Msg                  -> r.a.Foo                classes
                   other.X                  -> r.a.Foo                classes
                   rx.Y                     -> r.a.Foo                classes
                """;
        PackageGraph g = PackageGraph.fromJdeps(jdeps, ROOT);
        assertEquals(Set.of("r", "r.a", "r.b", "r.w"), g.packages());
        assertEquals(Set.of("r.b"), g.targets("r.a"), "same-package and outside-root dependencies are dropped");
        assertEquals("r.a.Foo -> r.b.Baz$Inner", g.example("r.a", "r.b"), "the first dependency is the example");
        assertEquals(List.of("r.b -> r   e.g. r.b.Baz -> r.Main"), g.edgesInto("r"));
        assertEquals(List.of("r.w -> r.a   e.g. r.w.Msg -> r.a.Foo"), g.edgesOutOf("r.w"));
        assertEquals(List.of(Set.of("r", "r.a", "r.b")), g.cyclicComponents());
    }
}
