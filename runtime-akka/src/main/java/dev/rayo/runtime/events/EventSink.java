package dev.rayo.runtime.events;

import java.util.List;

/**
 * Where an {@link EventExporter} writes batches of events: the journal database ({@link JdbcEventSink}), or a
 * test's list. Called from the exporter's one thread only.
 */
public interface EventSink extends AutoCloseable {

    /**
     * Writes {@code batch} entirely or not at all (the exporter sends a batch that failed again later).
     *
     * @throws Exception when it could not be written (the database is down, refuses the login, ...)
     */
    void write(List<TaskEvent> batch) throws Exception;

    /** Where the events go, for log messages (no password). */
    String describe();

    /** Releases the sink's connection; never throws. */
    @Override
    void close();
}
