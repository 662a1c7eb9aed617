package dev.rayo.runtime.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dependency graph between packages, with one example class dependency per edge, read from the output of
 * {@code jdeps -verbose:class}; and the pure graph logic the architecture tests assert with: strongly connected
 * components, the shortest cycle through each of their dependencies, and a report naming what to fix.
 */
final class PackageGraph {
    /** A line of {@code jdeps -verbose:class}: {@code   a.b.C   -> d.e.F   archive}. */
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s+([\\w.$]+)\\s+->\\s+([\\w.$]+)(?:\\s+.*)?$");

    /** from package -> (to package -> an example dependency "from.Class -> to.Class"), sorted. */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    /** Adds {@code from -> to} with {@code example}, unless the edge already has one. */
    PackageGraph add(String from, String to, String example) {
        edges.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, example);
        edges.computeIfAbsent(to, k -> new TreeMap<>());
        return this;
    }

    /**
     * The dependencies in {@code jdepsOutput} (of {@code jdeps -verbose:class}) between classes of different
     * packages whose names are {@code root} or start with {@code root + "."}; each edge keeps the first class
     * dependency seen as its example.
     */
    static PackageGraph fromJdeps(String jdepsOutput, String root) {
        PackageGraph graph = new PackageGraph();
        for (String line : jdepsOutput.split("\\R")) {
            Matcher m = DEPENDENCY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String from = m.group(1);
            String to = m.group(2);
            String fromPackage = packageOf(from);
            String toPackage = packageOf(to);
            if (within(fromPackage, root) && within(toPackage, root) && !fromPackage.equals(toPackage)) {
                graph.add(fromPackage, toPackage, from + " -> " + to);
            }
        }
        return graph;
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static boolean within(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** The packages of the graph. */
    Set<String> packages() {
        return new TreeSet<>(edges.keySet());
    }

    /** The packages {@code from} depends on. */
    Set<String> targets(String from) {
        return edges.getOrDefault(from, Map.of()).keySet();
    }

    /** The example class dependency of {@code from -> to}, or null when there is no such edge. */
    String example(String from, String to) {
        return edges.getOrDefault(from, Map.of()).get(to);
    }

    /** Every edge into {@code to}, as "from -> to (e.g. example)" lines; sorted. */
    List<String> edgesInto(String to) {
        List<String> out = new ArrayList<>();
        edges.forEach((from, targets) -> {
            if (targets.containsKey(to)) {
                out.add(from + " -> " + to + "   e.g. " + targets.get(to));
            }
        });
        return out;
    }

    /** Every edge out of {@code from}, as "from -> to (e.g. example)" lines; sorted. */
    List<String> edgesOutOf(String from) {
        List<String> out = new ArrayList<>();
        edges.getOrDefault(from, Map.of()).forEach((to, example) -> out.add(from + " -> " + to + "   e.g. " + example));
        return out;
    }

    /** The strongly connected components with more than one package (each a set of packages in a cycle); sorted. */
    List<Set<String>> cyclicComponents() {
        Map<String, Set<String>> adjacency = new TreeMap<>();
        edges.forEach((from, targets) -> adjacency.put(from, targets.keySet()));
        return stronglyConnected(adjacency);
    }

    /**
     * Tarjan's algorithm over {@code graph} (node -> successors): the components with more than one node, or
     * one node with an edge to itself; each sorted, in the order of their smallest node.
     */
    static List<Set<String>> stronglyConnected(Map<String, ? extends Collection<String>> graph) {
        Set<String> nodes = new TreeSet<>(graph.keySet());
        graph.values().forEach(nodes::addAll);
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String node : nodes) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, components, counter);
            }
        }
        components.removeIf(c -> c.size() == 1 && !successors(graph, c.iterator().next()).contains(c.iterator().next()));
        components.sort(java.util.Comparator.comparing(c -> c.iterator().next()));
        return components;
    }

    private static Collection<String> successors(Map<String, ? extends Collection<String>> graph, String node) {
        Collection<String> next = graph.get(node);
        return next == null ? List.of() : next;
    }

    private static void connect(String node, Map<String, ? extends Collection<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> components, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : new TreeSet<>(successors(graph, node))) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, components, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    /**
     * For each dependency inside {@code component}, the shortest cycle through it (found breadth-first, so the
     * same graph always gives the same cycles); duplicates dropped. Each cycle is its list of packages, starting at
     * its smallest one (not repeated at the end); the list is sorted by length, then by name. Together they show
     * every dependency that keeps the group cyclic.
     */
    List<List<String>> shortestCycles(Set<String> component) {
        Set<List<String>> cycles = new java.util.LinkedHashSet<>();
        for (String from : new TreeSet<>(component)) {
            for (String to : targets(from)) {
                if (component.contains(to)) {
                    List<String> back = shortestPath(to, from, component);
                    if (back != null) {
                        List<String> cycle = new ArrayList<>();
                        cycle.add(from);
                        cycle.addAll(back.subList(0, back.size() - 1));
                        cycles.add(rotateToSmallest(cycle));
                    }
                }
            }
        }
        List<List<String>> sorted = new ArrayList<>(cycles);
        sorted.sort(java.util.Comparator.<List<String>>comparingInt(List::size).thenComparing(List::toString));
        return sorted;
    }

    /** The shortest path from {@code from} to {@code to} through {@code within}, both ends included; null if none. */
    private List<String> shortestPath(String from, String to, Set<String> within) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        cameFrom.put(from, from);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(to)) {
                List<String> path = new ArrayList<>();
                for (String p = to; ; p = cameFrom.get(p)) {
                    path.add(0, p);
                    if (p.equals(from)) {
                        return path;
                    }
                }
            }
            for (String next : targets(at)) {
                if (within.contains(next) && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    private static List<String> rotateToSmallest(List<String> cycle) {
        int smallest = cycle.indexOf(new TreeSet<>(cycle).first());
        List<String> rotated = new ArrayList<>(cycle.subList(smallest, cycle.size()));
        rotated.addAll(cycle.subList(0, smallest));
        return List.copyOf(rotated);
    }

    /**
     * A report of every package cycle: for each strongly connected group, its packages and the shortest cycle
     * through each dependency inside it (at most {@code limitPerGroup}, shortest first), with one example class
     * dependency per edge: the dependencies to cut. Empty when the graph has no cycle.
     */
    String cycleReport(String root, int limitPerGroup) {
        List<Set<String>> components = cyclicComponents();
        if (components.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(components.size()).append(" group(s) of packages depend on each other in a cycle\n");
        int n = 0;
        for (Set<String> component : components) {
            n++;
            List<List<String>> cycles = shortestCycles(component);
            out.append("\ngroup ").append(n).append(": ").append(shortNames(component, root)).append(", ")
                    .append(cycles.size()).append(" cycle(s), the shortest through each dependency inside the group:\n");
            for (List<String> cycle : cycles.subList(0, Math.min(limitPerGroup, cycles.size()))) {
                out.append("  cycle: ");
                for (String pkg : cycle) {
                    out.append(shortName(pkg, root)).append(" -> ");
                }
                out.append(shortName(cycle.get(0), root)).append('\n');
                for (int i = 0; i < cycle.size(); i++) {
                    out.append("      ").append(example(cycle.get(i), cycle.get((i + 1) % cycle.size()))).append('\n');
                }
            }
            if (cycles.size() > limitPerGroup) {
                out.append("  ... and ").append(cycles.size() - limitPerGroup).append(" longer cycle(s)\n");
            }
        }
        return out.toString();
    }

    private static String shortNames(Collection<String> packages, String root) {
        return packages.stream().map(p -> shortName(p, root)).toList().toString();
    }

    static String shortName(String pkg, String root) {
        if (pkg.equals(root)) {
            return "(root)";
        }
        return pkg.startsWith(root + ".") ? pkg.substring(root.length() + 1) : pkg;
    }
}
