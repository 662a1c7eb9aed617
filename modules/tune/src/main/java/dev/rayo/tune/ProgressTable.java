package dev.rayo.tune;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text Ray Tune prints while a search runs: a status line counting trials by state (so one can see how many
 * run at once), then one row per trial with its status, config, last metric and iterations.
 */
final class ProgressTable {
    /** Wider configs are cut: a row should fit a terminal. */
    private static final int MAX_CONFIG_WIDTH = 60;

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
        List<String> configs = trials.stream().map(t -> configText(t.config)).toList();
        int width = Math.max(6, Math.min(MAX_CONFIG_WIDTH, configs.stream().mapToInt(String::length).max().orElse(0)));
        String row = "%-14s %-10s %-" + width + "s %14s %6s%n";
        s.append(String.format(row, "trial", "status", "config", metricCol, "iter"));
        for (int i = 0; i < trials.size(); i++) {
            TrialState t = trials.get(i);
            Map<String, Object> last = t.lastResult();
            Object m = last == null || metric == null ? "" : last.getOrDefault(metric, "");
            String config = configs.get(i);
            if (config.length() > width) {
                config = config.substring(0, width - 3) + "...";
            }
            s.append(String.format(row, t.id, state(t), config, format(m), t.iteration));
        }
        return s.toString();
    }

    private static String state(TrialState t) {
        if (t.runRef != null) {
            return "RUNNING";
        }
        return t.ended() ? t.status.name() : t.phase.name();
    }

    /** The config as {@code name=value} pairs, numbers to four significant digits, so sampled values fit. */
    private static String configText(Map<String, Object> config) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(config).forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=')
                .append(format(v)));
        return text.toString();
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4g", d) : String.valueOf(v);
    }

}
