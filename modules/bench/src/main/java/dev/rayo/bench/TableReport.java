package dev.rayo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human-readable report: one Markdown table row per metric (readable in a terminal, pasteable into
 * the README), a row per variant under its metric, then what each baseline is and any notes or failures.
 * When a peer ran ({@code --peer}), its columns stand between the baseline's and Ray's figure.
 */
public final class TableReport {
    private static final String[] HEADER = {"metric", "unit", "Rayo median", "Rayo min–max", "p50 µs", "p99 µs",
            "baseline median", "baseline min–max", "Rayo/baseline", "peer median", "peer min–max", "peer p50 µs",
            "peer p99 µs", "Rayo/peer", "Ray published"};
    /** The peer's columns in {@link #HEADER}, left out when no peer ran. */
    private static final int PEER_FROM = 9;
    private static final int PEER_COLUMNS = 5;

    private TableReport() {
    }

    /** The report of {@code results} measured with {@code settings}. */
    public static String render(List<MetricResult> results, RunSettings settings) {
        boolean peer = peerRan(results, settings);
        List<String[]> rows = new ArrayList<>();
        for (MetricResult r : results) {
            rows.add(columns(metricRow(r), peer));
            for (Map.Entry<String, Measurement> v : r.variants().entrySet()) {
                rows.add(columns(variantRow(r, v.getKey(), v.getValue()), peer));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(header(settings));
        if (peer) {
            out.append(" Rayo/peer = Rayo speed / ").append(settings.peer().title()).append(" speed in the same run.");
        }
        out.append("\n\n");
        out.append(table(columns(HEADER, peer), rows)).append('\n');
        out.append(footnotes(results, peer ? settings.peer() : null));
        return out.toString();
    }

    /** True when a peer was asked for and at least one selected metric has a peer side. */
    static boolean peerRan(List<MetricResult> results, RunSettings settings) {
        return settings.peer() != null && results.stream().anyMatch(r -> r.metric().peer().isPresent());
    }

    /** The row with the peer's columns, or without them when no peer ran. */
    private static String[] columns(String[] full, boolean peer) {
        if (peer) {
            return full;
        }
        String[] out = new String[full.length - PEER_COLUMNS];
        System.arraycopy(full, 0, out, 0, PEER_FROM);
        System.arraycopy(full, PEER_FROM + PEER_COLUMNS, out, PEER_FROM, full.length - PEER_FROM - PEER_COLUMNS);
        return out;
    }

    /** One line naming the machine and the measuring settings, so a pasted table says what produced it. */
    static String header(RunSettings settings) {
        return "Rayo microbenchmark: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + settings.numCpus() + " CPUs for tasks; each figure is the"
                + " median of " + settings.rounds() + " rounds of " + settings.round().toMillis() / 1000.0 + " s after "
                + settings.warmupRounds() + " warm-up round(s). Ratio = Rayo speed / plain-JDK speed in the same run.";
    }

    private static String[] metricRow(MetricResult r) {
        Metric m = r.metric();
        Unit u = m.unit();
        String ray = m.rayPublished().isPresent() ? Format.figure(m.rayPublished().getAsDouble(), u) + (m.rayNote().isPresent() ? " †" : "") : "—";
        Measurement p = r.peer();
        String[] peer = p == null
                ? new String[] {m.peer().isPresent() ? "FAILED" : "—", "", "", "", "—"}
                : new String[] {Format.figure(p.median(), u), spread(p, u),
                        p.hasPercentiles() ? Format.micros(p.p50Micros()) : "",
                        p.hasPercentiles() ? Format.micros(p.p99Micros()) : "",
                        Format.ratio(r.peerRatio().orElse(Double.NaN))};
        if (r.error() != null) {
            return new String[] {m.name(), u.label(), "FAILED", "", "", "", "", "", "", peer[0], peer[1], peer[2], peer[3],
                    "", ray};
        }
        Measurement b = r.baseline();
        return new String[] {m.name(), u.label(), Format.figure(r.rayo().median(), u), spread(r.rayo(), u),
                r.rayo().hasPercentiles() ? Format.micros(r.rayo().p50Micros()) : "",
                r.rayo().hasPercentiles() ? Format.micros(r.rayo().p99Micros()) : "",
                b == null ? (m.baseline().isPresent() ? "FAILED" : "—") : Format.figure(b.median(), u),
                b == null ? "" : spread(b, u),
                Format.ratio(r.ratio().orElse(Double.NaN)), peer[0], peer[1], peer[2], peer[3], peer[4], ray};
    }

    private static String[] variantRow(MetricResult r, String label, Measurement v) {
        Unit u = r.metric().unit();
        boolean baseline = r.metric().variants().stream().anyMatch(x -> x.label().equals(label) && x.baseline());
        String name = "  ↳ " + (baseline ? "baseline: " : "") + label;
        if (v == null) {
            return new String[] {name, u.label(), "n/a", "", "", "", "", "", "", "", "", "", "", "", ""};
        }
        if (baseline) {
            String ratio = r.rayo() == null ? "—" : Format.ratio(u.higherIsBetter() ? r.rayo().median() / v.median() : v.median() / r.rayo().median());
            return new String[] {name, u.label(), "", "", "", "", Format.figure(v.median(), u), spread(v, u), ratio,
                    "", "", "", "", "", ""};
        }
        return new String[] {name, u.label(), Format.figure(v.median(), u), spread(v, u),
                v.hasPercentiles() ? Format.micros(v.p50Micros()) : "", v.hasPercentiles() ? Format.micros(v.p99Micros()) : "",
                "", "", "", "", "", "", "", "", ""};
    }

    private static String spread(Measurement m, Unit u) {
        return Format.figure(m.min(), u) + "–" + Format.figure(m.max(), u);
    }

    private static String table(String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        String[] rule = new String[header.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = (i >= 2 ? "-".repeat(width[i] - 1) + ":" : "-".repeat(width[i]));
        }
        line(out, rule, width);
        for (String[] row : rows) {
            line(out, row, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            String pad = " ".repeat(width[i] - c.length());
            out.append(' ').append(i >= 2 ? pad + c : c + pad).append(" |");
        }
        out.append('\n');
    }

    private static String footnotes(List<MetricResult> results, PeerKind peer) {
        StringBuilder out = new StringBuilder("What each side does:\n");
        for (MetricResult r : results) {
            Metric m = r.metric();
            out.append("- ").append(m.name()).append(": Rayo = ").append(m.description())
                    .append("; baseline = ").append(m.baselineDescription().orElse("none (BENCHMARKS.md names none)"));
            if (peer != null) {
                out.append("; peer = ").append(m.peerDescription().map(d -> peer.title() + ": " + d)
                        .orElse("none (no equivalent measured)"));
            }
            out.append('\n');
            for (Variant v : m.variants()) {
                out.append("  ↳ ").append(v.baseline() ? "second baseline: " : "variant: ").append(v.label()).append('\n');
            }
            m.rayNote().ifPresent(n -> out.append("  † ").append(n).append('\n'));
            r.notes().forEach((k, v) -> out.append("  note (").append(k).append("): ").append(v).append('\n'));
            if (r.error() != null) {
                out.append("  FAILED: ").append(r.error()).append('\n');
            }
        }
        out.append("Ray published = Ray's release-test figures (64-vCPU machine), for reference; not measured here.\n");
        return out.toString();
    }
}
