package dev.rayo.runtime.events;

import dev.rayo.runtime.wire.ResourceSet;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table {@value #NAME} that exported task events live in, one row per {@link TaskEvent}: its DDL, and how
 * an event becomes a row and back. Kept apart from the writer and the reader so both agree on the columns.
 * <p>
 * The DDL is plain SQL that H2 2.x and PostgreSQL both take: {@code VARCHAR} without a length is unbounded in
 * both, and {@code IF NOT EXISTS} makes it safe for every node to run it. The submission's lists and resources
 * are stored as short JSON texts ({@code ["id1","id2"]}, {@code {"CPU":1.0}}), readable in any SQL console.
 */
public final class EventTable {
    /** The table's name. */
    public static final String NAME = "rayo_task_events";

    /** The statements that create the table and its time index when they do not exist. */
    public static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS " + NAME + " ("
                    + "node_id VARCHAR NOT NULL, task_id VARCHAR NOT NULL, name VARCHAR NOT NULL, attempt INTEGER NOT NULL, "
                    + "state VARCHAR, phase VARCHAR, actor_id VARCHAR NOT NULL, worker VARCHAR NOT NULL, "
                    + "epoch_micros BIGINT NOT NULL, error VARCHAR NOT NULL, owner VARCHAR, resources VARCHAR, "
                    + "return_ids VARCHAR, max_retries INTEGER, arg_refs VARCHAR)",
            "CREATE INDEX IF NOT EXISTS " + NAME + "_time ON " + NAME + " (epoch_micros)",
            "CREATE INDEX IF NOT EXISTS " + NAME + "_task ON " + NAME + " (task_id)");

    private static final String COLUMNS = "node_id, task_id, name, attempt, state, phase, actor_id, worker, "
            + "epoch_micros, error, owner, resources, return_ids, max_retries, arg_refs";

    /** The insert of one row, with a parameter per column in {@link #bind} order. */
    public static final String INSERT = "INSERT INTO " + NAME + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The rows from a time on, oldest first; parameters: the first microsecond, then the most rows. */
    public static final String SELECT_SINCE = "SELECT " + COLUMNS + " FROM " + NAME
            + " WHERE epoch_micros >= ? ORDER BY epoch_micros LIMIT ?";

    private EventTable() {
    }

    /** Sets the parameters of {@link #INSERT} to {@code e}. */
    public static void bind(PreparedStatement insert, TaskEvent e) throws SQLException {
        insert.setString(1, e.nodeId());
        insert.setString(2, e.taskId());
        insert.setString(3, e.name());
        insert.setInt(4, e.attempt());
        insert.setString(5, e.state() == null ? null : e.state().name());
        insert.setString(6, e.phase() == null ? null : e.phase().name());
        insert.setString(7, e.actorId());
        insert.setString(8, e.worker());
        insert.setLong(9, e.epochMicros());
        insert.setString(10, e.error());
        TaskEvent.Submission s = e.submission();
        insert.setString(11, s == null ? null : s.owner());
        insert.setString(12, s == null ? null : resourcesJson(s.resources()));
        insert.setString(13, s == null ? null : listJson(s.returnIds()));
        if (s == null) {
            insert.setNull(14, Types.INTEGER);
        } else {
            insert.setInt(14, s.maxRetries());
        }
        insert.setString(15, s == null ? null : listJson(s.argRefs()));
    }

    /**
     * The event of the current row of a {@link #SELECT_SINCE} result.
     *
     * @throws SQLException when a column holds what no exporter writes (a state or phase this runtime does
     *                      not know, malformed JSON)
     */
    public static TaskEvent read(ResultSet row) throws SQLException {
        String owner = row.getString(11);
        TaskEvent.Submission submission = null;
        if (owner != null) {
            int maxRetries = row.getInt(14);
            submission = new TaskEvent.Submission(owner, resources(row.getString(12)), list(row.getString(13)),
                    maxRetries, list(row.getString(15)));
        }
        try {
            String state = row.getString(5);
            String phase = row.getString(6);
            return new TaskEvent(row.getString(2), row.getString(3), row.getInt(4),
                    state == null ? null : TaskState.valueOf(state), phase == null ? null : TaskPhase.valueOf(phase),
                    row.getString(1), row.getString(7), row.getString(8), row.getLong(9), row.getString(10), submission);
        } catch (IllegalArgumentException e) {
            throw new SQLException("a row of " + NAME + " has an unknown state or phase: " + e.getMessage(), e);
        }
    }

    /** {@code ["a","b"]}. */
    static String listJson(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            quote(b, values.get(i));
        }
        return b.append(']').toString();
    }

    /** {@code {"CPU":1.0,"GPU":0.5}}: the amounts a user asked for. */
    static String resourcesJson(ResourceSet resources) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Double> e : resources.toAmounts().entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(b, e.getKey());
            b.append(':').append(e.getValue());
        }
        return b.append('}').toString();
    }

    static List<String> list(String json) throws SQLException {
        if (json == null) {
            return List.of();
        }
        Reader r = new Reader(json);
        List<String> out = new ArrayList<>();
        r.expect('[');
        if (!r.skip(']')) {
            do {
                out.add(r.string());
            } while (r.skip(','));
            r.expect(']');
        }
        r.end();
        return List.copyOf(out);
    }

    static ResourceSet resources(String json) throws SQLException {
        if (json == null) {
            return ResourceSet.EMPTY;
        }
        Reader r = new Reader(json);
        Map<String, Double> amounts = new LinkedHashMap<>();
        r.expect('{');
        if (!r.skip('}')) {
            do {
                String name = r.string();
                r.expect(':');
                amounts.put(name, r.number());
            } while (r.skip(','));
            r.expect('}');
        }
        r.end();
        return ResourceSet.ofAmounts(amounts);
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    /** Reads the two shapes written above: a list of strings, an object of numbers. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        private SQLException malformed() {
            return new SQLException("malformed JSON in a row of " + NAME + " at " + i + ": " + s);
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean skip(char c) {
            space();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) throws SQLException {
            if (!skip(c)) {
                throw malformed();
            }
        }

        void end() throws SQLException {
            space();
            if (i != s.length()) {
                throw malformed();
            }
        }

        String string() throws SQLException {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    char esc = s.charAt(i++);
                    if (esc == 'u') {
                        if (i + 4 > s.length()) {
                            break;
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException e) {
                            throw malformed();
                        }
                        i += 4;
                    } else {
                        b.append(esc);
                    }
                } else {
                    b.append(c);
                }
            }
            throw malformed();
        }

        double number() throws SQLException {
            space();
            int from = i;
            while (i < s.length() && "+-.0123456789eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            try {
                return Double.parseDouble(s.substring(from, i));
            } catch (NumberFormatException e) {
                throw malformed();
            }
        }
    }
}
