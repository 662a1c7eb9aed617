package dev.rayo.runtime.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a node's task events from its {@link TaskEventLog} to an {@link EventSink} (the journal database), so
 * the history outlives the cluster ({@code rayo.events.export = jdbc}).
 * <p>
 * Recording stays what it was, a few nanoseconds and no lock: the exporter only reads the log, on a thread of
 * its own, every {@code rayo.events.export-interval}. It remembers the sequence number it got to and writes
 * what came since in batches; it never waits for a writer and no writer waits for it. What the ring overwrote
 * before it was written (the database was down for long, or more events came in one interval than the ring
 * holds) is counted in {@link #dropped()}. A tick reads only up to where the log was at the tick before, so no
 * slot is read while its writer is between claiming it and storing into it.
 * <p>
 * A database that fails is logged once (a warning) until it works again (an info line), and retried every
 * interval; the events wait in the ring meanwhile. When the node stops, {@link #close()} writes what is left,
 * waiting at most {@code rayo.events.export-timeout}.
 */
public final class EventExporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventExporter.class);

    private final TaskEventLog log;
    private final EventSink sink;
    private final ExportSettings settings;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong droppedCounted = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    /** The next sequence number to export; written by the exporter's thread only. */
    private volatile long nextSeq;
    /** {@link TaskEventLog#totalRecorded()} at the previous tick: every slot below it is stored. */
    private long settledEnd;
    private volatile boolean failing;
    private long failuresInOutage;

    private EventExporter(TaskEventLog log, EventSink sink, ExportSettings settings, boolean threaded) {
        this.log = log;
        this.sink = sink;
        this.settings = settings;
        this.thread = threaded ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rayo-events-export");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Starts exporting the events of {@code log} to {@code sink} on a thread of its own. */
    public static EventExporter start(TaskEventLog log, EventSink sink, ExportSettings settings) {
        EventExporter exporter = new EventExporter(log, sink, settings, true);
        long every = settings.interval().toNanos();
        exporter.thread.scheduleWithFixedDelay(exporter::tick, every, every, TimeUnit.NANOSECONDS);
        LOG.info("task events are exported to {} every {}", sink.describe(), millis(settings.interval()));
        return exporter;
    }

    /** An exporter with no thread, driven by {@link #tick()} and {@link #exportUpTo(long)}: for tests. */
    static EventExporter manual(TaskEventLog log, EventSink sink, ExportSettings settings) {
        return new EventExporter(log, sink, settings, false);
    }

    /** One period: exports what was recorded before the previous tick. */
    void tick() {
        long limit = settledEnd;
        settledEnd = log.totalRecorded();
        exportUpTo(limit);
    }

    /**
     * Exports the events with sequence numbers below {@code limit} not yet exported, batch by batch.
     *
     * @return whether all of them were written (false: the sink failed, they are tried again later)
     */
    boolean exportUpTo(long limit) {
        boolean wrote = false;
        try {
            while (nextSeq < limit && !Thread.currentThread().isInterrupted()) {
                long from = nextSeq;
                TaskEventLog.Page page = log.range(from, limit, settings.batchSize());
                List<TaskEvent> batch = page.events();
                if (!batch.isEmpty()) {
                    sink.write(batch);
                    wrote = true;
                }
                exported.addAndGet(batch.size());
                droppedCounted.addAndGet(page.next() - from - batch.size());
                nextSeq = page.next();
                if (page.next() <= from) {
                    break;
                }
            }
        } catch (Exception | LinkageError e) {
            failed(e);
            return false;
        }
        if (wrote) {
            // Only a write says the sink works again: skipping events the ring lost says nothing about it.
            recovered();
        }
        return true;
    }

    private void failed(Throwable e) {
        failuresInOutage++;
        failedWrites.incrementAndGet();
        if (!failing) {
            failing = true;
            LOG.warn("task events can't be written to {} (rayo.events.export = jdbc): {}; retrying every {}. Tasks"
                            + " run on; events the in-memory log (rayo.events.capacity) overwrites meanwhile are"
                            + " counted as dropped", sink.describe(), e.toString(), millis(settings.interval()));
            LOG.debug("task event export failure", e);
        } else {
            LOG.debug("task event export still failing: {}", e.toString());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("task events are written to {} again, after {} failed attempt(s); {} event(s) dropped so far",
                    sink.describe(), failuresInOutage, dropped());
            failuresInOutage = 0;
        }
    }

    /** How many events were written. */
    public long exported() {
        return exported.get();
    }

    /**
     * How many events will never be written: overwritten in the ring before they were (counted when the
     * exporter got past them, or already lost while it waits for the database), or left over when the node
     * stopped.
     */
    public long dropped() {
        long pendingLost = Math.max(0, log.totalRecorded() - log.capacity() - nextSeq);
        return droppedCounted.get() + pendingLost;
    }

    /** How many writes failed since the node started (each is tried again later). */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Whether the last write failed (the database is down or refuses the writes). */
    public boolean failing() {
        return failing;
    }

    /**
     * Writes what is left, waiting at most {@code rayo.events.export-timeout}, then stops the exporter's thread
     * and releases its connection; what could not be written is counted as dropped. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (thread == null) {
            flush();
            return;
        }
        thread.execute(this::flush);
        thread.shutdown();
        boolean done;
        try {
            done = thread.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            thread.shutdownNow();
            sink.close();
            long left = Math.max(0, log.totalRecorded() - nextSeq);
            droppedCounted.addAndGet(left);
            nextSeq = log.totalRecorded();
            LOG.warn("task events: gave up writing the last {} event(s) to {} after {} (rayo.events.export-timeout)",
                    left, sink.describe(), millis(settings.timeout()));
        }
    }

    /** The last export: everything recorded until now, once; then the connection goes. */
    private void flush() {
        try {
            long limit = log.totalRecorded();
            // Lets a writer that claimed a slot just now store into it (it does so right after claiming).
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            if (!exportUpTo(limit)) {
                long left = Math.max(0, log.totalRecorded() - nextSeq);
                droppedCounted.addAndGet(left);
                nextSeq = log.totalRecorded();
                LOG.warn("task events: {} event(s) not written to {} at shutdown", left, sink.describe());
            }
        } finally {
            sink.close();
        }
    }

    private static String millis(java.time.Duration d) {
        return d.toMillis() + " ms";
    }
}
