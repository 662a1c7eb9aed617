package dev.rayo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report: the same figures as the table, keyed by the BENCHMARKS.md metric names,
 * so runs can be compared by scripts (and regressions caught) without parsing text.
 */
public final class JsonReport {
    private JsonReport() {
    }

    /** Writes the report of {@code results} to {@code file}, creating its parent directories. */
    public static void write(Path file, List<MetricResult> results, RunSettings settings) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(results, settings), StandardCharsets.UTF_8);
    }

    /** The report as JSON text. */
    public static String render(List<MetricResult> results, RunSettings settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        root.put("machine", machine);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("round_seconds", settings.round().toMillis() / 1000.0);
        run.put("warmup_rounds", settings.warmupRounds());
        run.put("rounds", settings.rounds());
        run.put("num_cpus", settings.numCpus());
        run.put("ratio", "Rayo speed / baseline speed (medians); 1.0 = as fast as the plain JDK");
        PeerKind peer = TableReport.peerRan(results, settings) ? settings.peer() : null;
        if (peer != null) {
            run.put("peer", peer.cliName());
            run.put("peer_title", peer.title());
            run.put("peer_ratio", "Rayo speed / " + peer.title() + " speed (medians), same run; above 1.0 Rayo is faster");
        }
        root.put("settings", run);
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (MetricResult r : results) {
            metrics.put(r.metric().name(), metric(r, peer));
        }
        root.put("metrics", metrics);
        return Json.write(root);
    }

    private static Map<String, Object> metric(MetricResult r, PeerKind peer) {
        Metric m = r.metric();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unit", m.unit().label());
        out.put("environment", m.environment().name().toLowerCase());
        out.put("description", m.description());
        out.put("rayo", measurement(r.rayo()));
        if (m.baseline().isPresent()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("description", m.baselineDescription().orElse(""));
            if (r.baseline() != null) {
                b.putAll(measurement(r.baseline()));
            }
            out.put("baseline", b);
        } else {
            out.put("baseline", null);
        }
        out.put("ratio", r.ratio().isPresent() ? r.ratio().getAsDouble() : null);
        if (peer != null) {
            if (m.peer().isPresent()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", peer.cliName());
                p.put("description", m.peerDescription().orElse(""));
                if (r.peer() != null) {
                    p.putAll(measurement(r.peer()));
                }
                out.put("peer", p);
            } else {
                out.put("peer", null);
            }
            out.put("peer_ratio", r.peerRatio().isPresent() ? r.peerRatio().getAsDouble() : null);
        }
        out.put("ray_published", m.rayPublished().isPresent() ? m.rayPublished().getAsDouble() : null);
        m.rayNote().ifPresent(n -> out.put("ray_note", n));
        if (!r.variants().isEmpty()) {
            Map<String, Object> variants = new LinkedHashMap<>();
            for (Variant v : m.variants()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("kind", v.baseline() ? "baseline" : "rayo");
                Measurement x = r.variants().get(v.label());
                if (x != null) {
                    entry.putAll(measurement(x));
                    if (v.baseline() && r.rayo() != null) {
                        entry.put("ratio", m.unit().higherIsBetter() ? r.rayo().median() / x.median() : x.median() / r.rayo().median());
                    }
                }
                variants.put(v.label(), entry);
            }
            out.put("variants", variants);
        }
        if (!r.notes().isEmpty()) {
            out.put("notes", r.notes());
        }
        out.put("error", r.error());
        return out;
    }

    private static Map<String, Object> measurement(Measurement x) {
        if (x == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("median", x.median());
        out.put("min", x.min());
        out.put("max", x.max());
        out.put("rounds", x.rounds());
        out.put("ops", x.ops());
        if (x.hasPercentiles()) {
            out.put("p50_us", x.p50Micros());
            out.put("p99_us", x.p99Micros());
        }
        return out;
    }
}
