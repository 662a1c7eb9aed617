package dev.rayo.runtime.events;

import dev.rayo.runtime.config.JournalDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Writes exported events to {@value EventTable#NAME} in the journal's database with JDBC batch inserts, one
 * transaction per batch. It keeps one connection open between batches (a node writes about once a second) and
 * drops it after any failure, so the next batch reconnects: a database that was restarted, or was down when the
 * node started, is picked up without help. The table is created at each new connection when
 * {@code rayo.persistence.create-schema} is on ({@code IF NOT EXISTS}, so every node may).
 */
public final class JdbcEventSink implements EventSink {
    /** The advisory lock table creators take in PostgreSQL (an arbitrary constant: "rayo" + "evts"). */
    private static final long POSTGRES_LOCK = 0x7261796f65767473L;

    private final JournalDatabase db;
    private final boolean createSchema;
    private final Duration timeout;
    private Connection connection;

    /**
     * @param db           the journal's database
     * @param createSchema whether to create the table when it does not exist
     * @param timeout      how long logging in and one batch may take
     */
    public JdbcEventSink(JournalDatabase db, boolean createSchema, Duration timeout) {
        this.db = db;
        this.createSchema = createSchema;
        this.timeout = timeout;
    }

    @Override
    public void write(List<TaskEvent> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Connection c = connection();
        try (PreparedStatement insert = c.prepareStatement(EventTable.INSERT)) {
            insert.setQueryTimeout(JournalDatabase.seconds(timeout));
            for (TaskEvent e : batch) {
                EventTable.bind(insert, e);
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection != null) {
            return connection;
        }
        Connection c = db.connect(timeout);
        try {
            c.setAutoCommit(false);
            if (createSchema) {
                try (Statement ddl = c.createStatement()) {
                    ddl.setQueryTimeout(JournalDatabase.seconds(timeout));
                    if (db.isPostgres()) {
                        // Two nodes creating the same table at once can collide in PostgreSQL's catalog even
                        // with IF NOT EXISTS: the second waits here (until commit), then finds the table.
                        ddl.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK + ")");
                    }
                    for (String sql : EventTable.DDL) {
                        ddl.execute(sql);
                    }
                }
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        connection = c;
        return c;
    }

    @Override
    public String describe() {
        return EventTable.NAME + " at " + db.redactedUrl();
    }

    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // A broken connection: nothing left to release.
            }
        }
    }
}
