package dev.rayo.samples.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plain-text table with right-aligned columns, so every sample prints its comparison in
 * the same shape. Keeps its cells as strings so tests can check rows without parsing output.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /** Creates a table with these column headers. */
    public TextTable(String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = List.of(headers);
    }

    /** Appends a row; each cell is shown with {@link String#valueOf(Object)}. */
    public TextTable addRow(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(Collections.unmodifiableList(row));
        return this;
    }

    /** The column headers, in order. */
    public List<String> headers() {
        return headers;
    }

    /** The rows added so far, as the strings that will be printed. */
    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Renders the header, a rule, and the rows, one per line, ending with a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, headers, widths);
        int ruleLength = 0;
        for (int w : widths) {
            ruleLength += w;
        }
        ruleLength += 2 * (widths.length - 1);
        out.append("-".repeat(ruleLength)).append('\n');
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.append("  ");
            }
            String cell = cells.get(c);
            out.append(" ".repeat(widths[c] - cell.length())).append(cell);
        }
        out.append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
