package dev.rayo.tune;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text Ray Tune prints while a search runs: a status line counting trials by state (so one can see how many
 * run at once), then one row per trial with its status, config, last metric and iterations.
 */
final class ProgressTable {
    private ProgressTable() {
    }

    /** The table for {@code trials} now; {@code slots} is how many may run at once. */
    static String render(List<TrialState> trials, String metric, int slots) {
        Map<String, Integer> counts = new TreeMap<>();
        for (TrialState t : trials) {
            counts.merge(state(t), 1, Integer::sum);
        }
        StringBuilder s = new StringBuilder("== Status == ");
        counts.forEach((k, v) -> s.append(v).append(' ').append(k).append(" | "));
        s.append("slots ").append(slots).append('\n');
        String metricCol = metric == null ? "" : metric;
        s.append(String.format("%-14s %-10s %-40s %14s %6s%n", "trial", "status", "config", metricCol, "iter"));
        for (TrialState t : trials) {
            Map<String, Object> last = t.lastResult();
            Object m = last == null || metric == null ? "" : last.getOrDefault(metric, "");
            String config = t.config.toString();
            if (config.length() > 40) {
                config = config.substring(0, 37) + "...";
            }
            s.append(String.format("%-14s %-10s %-40s %14s %6d%n", t.id, state(t), config, format(m), t.iteration));
        }
        return s.toString();
    }

    private static String state(TrialState t) {
        if (t.runRef != null) {
            return "RUNNING";
        }
        return t.ended() ? t.status.name() : t.phase.name();
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format("%.4g", d) : String.valueOf(v);
    }

}
