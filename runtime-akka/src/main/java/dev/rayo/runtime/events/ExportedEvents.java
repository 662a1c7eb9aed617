package dev.rayo.runtime.events;

import com.typesafe.config.Config;
import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.config.JournalDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the task events that nodes exported ({@code rayo.events.export = jdbc}) back from the journal database,
 * as the {@link TaskEvent}s they were recorded as: folded with {@code TaskHistory.fold}, they give the rows,
 * details and timeline of tasks of a cluster that is gone. Needs no running node, only the configuration that
 * names the journal's database (a node's config file, e.g. {@code config/postgres.conf}).
 */
public final class ExportedEvents {
    private final JournalDatabase db;
    private final Duration timeout;

    /**
     * @param db      the journal's database
     * @param timeout how long logging in and the query may take
     */
    public ExportedEvents(JournalDatabase db, Duration timeout) {
        this.db = db;
        this.timeout = timeout;
    }

    /** The events in the journal database that {@code config} (a node's full configuration) names. */
    public static ExportedEvents of(Config config, Duration timeout) {
        return new ExportedEvents(JournalDatabase.of(config), timeout);
    }

    /**
     * Up to {@code max} events recorded at or after {@code sinceMicros} (microseconds since the epoch; 0 for
     * all), oldest first.
     *
     * @throws RayoException naming the database (without password) when it can't be reached, the table
     *                       {@value EventTable#NAME} is missing (nothing was exported there), or a row is malformed
     */
    public List<TaskEvent> since(long sinceMicros, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        try (Connection c = db.connect(timeout);
             PreparedStatement query = c.prepareStatement(EventTable.SELECT_SINCE)) {
            query.setQueryTimeout(JournalDatabase.seconds(timeout));
            query.setLong(1, sinceMicros);
            query.setInt(2, max);
            query.setFetchSize(Math.min(max, 10_000));
            List<TaskEvent> out = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(EventTable.read(rows));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new RayoException("can't read the exported task events (" + EventTable.NAME + ") from "
                    + db.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Every exported event, oldest first. */
    public List<TaskEvent> all() {
        return since(0, Integer.MAX_VALUE);
    }
}
