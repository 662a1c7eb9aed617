package dev.rayo.runtime.events;

import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.config.JournalDatabase;
import dev.rayo.runtime.state.TaskHistory;
import dev.rayo.runtime.state.TaskRow;
import dev.rayo.runtime.wire.ResourceSet;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDBC side of the export, on an in-memory H2 database: the table is created when missing (and a second
 * creator changes nothing), each batch goes in as rows, and {@link ExportedEvents} reads back exactly the events
 * recorded, submission included, so {@link TaskHistory} folds them as it folds the live ones.
 */
class JdbcExportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** A fresh in-memory database, kept until the JVM ends, named as the H2 journal is configured. */
    private static JournalDatabase freshDatabase() {
        return new JournalDatabase("test.db", "jdbc:h2:mem:rayo-events-" + DATABASES.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_UPPER=false", "sa", "", "org.h2.Driver");
    }

    private static List<TaskEvent> oneTaskRunTwice() {
        TaskEvent.Submission submission = new TaskEvent.Submission("10.0.0.1:25520",
                ResourceSet.ofAmounts(Map.of("CPU", 1.0, "Custom \"x\"", 0.5)), List.of("obj-1", "obj-2"), 3, List.of("arg-9"));
        return List.of(
                new TaskEvent("task-1", "Fns.add", 0, TaskState.PENDING_ARGS, null, "10.0.0.1:25520", "", "", 1_000, "", submission),
                new TaskEvent("task-1", "Fns.add", 0, TaskState.PENDING_NODE_ASSIGNMENT, null, "10.0.0.1:25520", "", "", 1_100, "", null),
                new TaskEvent("task-1", "Fns.add", 0, TaskState.RUNNING, null, "10.0.0.2:25521", "", "rayo-worker-1", 1_200, "", null),
                new TaskEvent("task-1", "Fns.add", 0, TaskState.FAILED, null, "10.0.0.2:25521", "", "rayo-worker-1", 1_300,
                        "java.lang.IllegalStateException: boom\nline two", null),
                new TaskEvent("task-1", "Fns.add", 1, TaskState.RUNNING, null, "10.0.0.3:25522", "", "rayo-worker-7", 2_000, "", null),
                new TaskEvent("task-1", "Fns.add", 1, null, TaskPhase.ARGUMENTS_READY, "10.0.0.3:25522", "", "rayo-worker-7", 2_010, "", null),
                new TaskEvent("task-1", "Fns.add", 1, null, TaskPhase.EXECUTED, "10.0.0.3:25522", "", "rayo-worker-7", 2_020, "", null),
                new TaskEvent("task-1", "Fns.add", 1, TaskState.FINISHED, null, "10.0.0.3:25522", "", "rayo-worker-7", 2_030, "", null));
    }

    @Test
    void exportedEventsReadBackAsRecordedAndFoldIntoTheTasksHistory() throws Exception {
        JournalDatabase db = freshDatabase();
        List<TaskEvent> events = oneTaskRunTwice();
        try (JdbcEventSink sink = new JdbcEventSink(db, true, TIMEOUT)) {
            sink.write(events.subList(0, 3));
            sink.write(events.subList(3, events.size()));
        }
        List<TaskEvent> back = new ExportedEvents(db, TIMEOUT).all();
        assertEquals(events, back, "every field, the submission's resources and lists included");
        assertEquals(events.subList(4, events.size()), new ExportedEvents(db, TIMEOUT).since(2_000, 100));
        assertEquals(events.subList(0, 2), new ExportedEvents(db, TIMEOUT).since(0, 2));

        TaskHistory history = TaskHistory.fold(back).get("task-1");
        TaskRow row = history.row();
        assertEquals("FINISHED", row.state());
        assertEquals("10.0.0.3:25522", row.node());
        assertEquals(1, row.attempt());
        assertEquals(2, history.attemptRows().size());
        assertEquals("FAILED", history.attemptRows().get(0).state());
        assertEquals("10.0.0.1:25520", history.detail().task().owner());
        assertEquals(List.of("obj-1", "obj-2"), history.detail().returnIds());
    }

    @Test
    void theTableIsCreatedOnceAndRowsHaveTheDocumentedColumns() throws Exception {
        JournalDatabase db = freshDatabase();
        List<TaskEvent> events = oneTaskRunTwice();
        try (JdbcEventSink first = new JdbcEventSink(db, true, TIMEOUT);
             JdbcEventSink second = new JdbcEventSink(db, true, TIMEOUT)) {
            first.write(events.subList(0, 1));
            second.write(events.subList(1, 2)); // creates nothing again, keeps the first row
        }
        try (Connection c = db.connect(TIMEOUT); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT node_id, task_id, name, attempt, state, phase, actor_id, worker,"
                     + " epoch_micros, error, owner, resources, return_ids, max_retries, arg_refs FROM rayo_task_events"
                     + " ORDER BY epoch_micros")) {
            assertTrue(rows.next());
            assertEquals("PENDING_ARGS", rows.getString("state"));
            assertNull(rows.getString("phase"));
            assertEquals("10.0.0.1:25520", rows.getString("owner"));
            assertEquals("{\"CPU\":1.0,\"Custom \\\"x\\\"\":0.5}", rows.getString("resources"));
            assertEquals("[\"obj-1\",\"obj-2\"]", rows.getString("return_ids"));
            assertEquals(3, rows.getInt("max_retries"));
            assertEquals("[\"arg-9\"]", rows.getString("arg_refs"));
            assertTrue(rows.next());
            assertNull(rows.getString("owner"), "only the owner's first event carries the submission");
            assertTrue(!rows.next());
        }
    }

    @Test
    void withoutCreateSchemaAMissingTableFailsTheWriteAndTheReaderSaysWhat() {
        JournalDatabase db = freshDatabase();
        try (JdbcEventSink sink = new JdbcEventSink(db, false, TIMEOUT)) {
            assertThrows(java.sql.SQLException.class, () -> sink.write(oneTaskRunTwice()));
        }
        RayoException e = assertThrows(RayoException.class, () -> new ExportedEvents(db, TIMEOUT).all());
        assertTrue(e.getMessage().startsWith("can't read the exported task events (rayo_task_events) from jdbc:h2:mem:"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("DB_CLOSE_DELAY"), "the URL's parameters (a password, maybe) are left out");
    }

    @Test
    void anExporterWritesTheLogsEventsToTheTable() {
        JournalDatabase db = freshDatabase();
        TaskEventLog log = new TaskEventLog(1000);
        oneTaskRunTwice().forEach(log::record);
        EventExporter exporter = EventExporter.start(log, new JdbcEventSink(db, true, TIMEOUT),
                new ExportSettings(Duration.ofMillis(20), 3, TIMEOUT));
        exporter.close();
        assertEquals(oneTaskRunTwice(), new ExportedEvents(db, TIMEOUT).all());
        assertEquals(8, exporter.exported());
        assertEquals(0, exporter.dropped());
    }
}
