package dev.rayo.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain-text tables and values for the state commands' output without {@code --json}. */
final class Tables {
    /** The widest a cell is drawn; longer text (an error's message) is cut with an ellipsis. */
    private static final int MAX_CELL = 60;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Tables() {
    }

    /** {@code rows} under {@code headers}, each column as wide as its widest cell. */
    static String render(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
        }
        List<List<String>> cut = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                String cell = i < row.size() && row.get(i) != null ? row.get(i).replace('\n', ' ') : "";
                if (cell.length() > MAX_CELL) {
                    cell = cell.substring(0, MAX_CELL - 1) + "…";
                }
                cells.add(cell);
                widths[i] = Math.max(widths[i], cell.length());
            }
            cut.add(cells);
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        cut.forEach(r -> line(out, r, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            l.append(i == 0 ? "" : "  ").append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length()));
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    /** A field as text: arrays joined by commas, objects as {@code k=v} pairs, null as empty. */
    static String text(JsonNode field) {
        if (field == null || field.isNull()) {
            return "";
        }
        if (field.isArray()) {
            List<String> parts = new ArrayList<>();
            field.forEach(e -> parts.add(text(e)));
            return String.join(",", parts);
        }
        if (field.isObject()) {
            List<String> parts = new ArrayList<>();
            field.fields().forEachRemaining((Map.Entry<String, JsonNode> e) -> parts.add(e.getKey() + "=" + amount(e.getValue())));
            return String.join(",", parts);
        }
        return amount(field);
    }

    /** A number without a needless fraction ({@code 2.0} as {@code 2}), anything else as its text. */
    static String amount(JsonNode v) {
        if (v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 1e15) {
            return Long.toString(v.asLong());
        }
        return v.asText();
    }

    /** Epoch milliseconds as local date and time, or empty. */
    static String time(JsonNode epochMillis) {
        return epochMillis == null || epochMillis.isNull() ? "" : TIME.format(Instant.ofEpochMilli(epochMillis.asLong()));
    }

    /** Bytes in B, KiB, MiB or GiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    /** {@code used/total} of each resource of a node's {@code resources_total} and {@code resources_available}. */
    static String resources(JsonNode total, JsonNode available) {
        List<String> parts = new ArrayList<>();
        total.fields().forEachRemaining(e -> {
            double t = e.getValue().asDouble();
            double used = t - available.path(e.getKey()).asDouble(t);
            parts.add(e.getKey() + " " + number(used) + "/" + number(t));
        });
        return String.join(", ", parts);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.2f", v);
    }
}
