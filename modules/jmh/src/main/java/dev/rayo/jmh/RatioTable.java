package dev.rayo.jmh;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs each {@code rayo_X} benchmark with its {@code jdk_X} baseline (same class, same parameters) and
 * prints their throughputs side by side with the ratio Rayo/JDK.
 */
final class RatioTable {
    static final String RAYO = "rayo_";
    static final String JDK = "jdk_";

    /** One benchmark's score: {@code name} is {@code Class.method}, {@code params} its JMH parameters. */
    record Score(String name, String params, double opsPerSecond, double error) {
    }

    /** A Rayo benchmark and its baseline; {@code baseline} is null when the run had none. */
    record Pair(String operation, String params, Score rayo, Score baseline) {
        double ratio() {
            return baseline == null ? Double.NaN : rayo.opsPerSecond() / baseline.opsPerSecond();
        }
    }

    private RatioTable() {
    }

    /** The Rayo scores of {@code scores}, each with its baseline, in the order they came. */
    static List<Pair> pair(List<Score> scores) {
        Map<String, Score> baselines = new LinkedHashMap<>();
        for (Score s : scores) {
            if (s.name().contains("." + JDK)) {
                baselines.put(key(s.name().replace("." + JDK, "."), s.params()), s);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Score s : scores) {
            if (s.name().contains("." + RAYO)) {
                String operation = s.name().replace("." + RAYO, ".");
                pairs.add(new Pair(operation, s.params(), s, baselines.get(key(operation, s.params()))));
            }
        }
        return pairs;
    }

    /** The baselines in {@code scores} without a Rayo result beside them: their Rayo benchmark failed. */
    static List<Score> unpairedBaselines(List<Score> scores) {
        List<String> paired = new ArrayList<>();
        for (Pair p : pair(scores)) {
            if (p.baseline() != null) {
                paired.add(key(p.operation(), p.params()));
            }
        }
        List<Score> unpaired = new ArrayList<>();
        for (Score s : scores) {
            if (s.name().contains("." + JDK) && !paired.contains(key(s.name().replace("." + JDK, "."), s.params()))) {
                unpaired.add(s);
            }
        }
        return unpaired;
    }

    private static String key(String operation, String params) {
        return operation + "|" + params;
    }

    /** Prints one line per pair: operation, parameters, both throughputs and the ratio. */
    static void print(List<Pair> pairs, PrintWriter out) {
        out.printf("%-40s %-16s %16s %16s %8s%n", "operation", "params", "Rayo ops/s", "JDK ops/s", "Rayo/JDK");
        for (Pair p : pairs) {
            out.printf("%-40s %-16s %16s %16s %8s%n", p.operation(), p.params(), format(p.rayo()),
                    p.baseline() == null ? "—" : format(p.baseline()),
                    p.baseline() == null ? "—" : String.format("%.3f", p.ratio()));
        }
        out.flush();
    }

    private static String format(Score s) {
        return String.format("%,.0f", s.opsPerSecond());
    }
}
