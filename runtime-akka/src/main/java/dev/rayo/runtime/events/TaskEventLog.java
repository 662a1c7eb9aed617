package dev.rayo.runtime.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded ring of the latest task events: old events are overwritten, so recording never grows memory
 * and never blocks for long (one short lock per event).
 */
public final class TaskEventLog {
    private final TaskEvent[] ring;
    private long written;

    /** A log keeping the latest {@code capacity} events. */
    public TaskEventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("event log capacity must be positive: " + capacity);
        }
        this.ring = new TaskEvent[capacity];
    }

    /** Records one event stamped now. */
    public void record(String taskId, String name, TaskEvent.Kind kind, String nodeId, String detail) {
        Instant now = Instant.now();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        String thread = kind == TaskEvent.Kind.SUBMITTED ? "" : Thread.currentThread().getName();
        TaskEvent event = new TaskEvent(taskId, name, kind, nodeId, thread, micros, detail == null ? "" : detail);
        synchronized (this) {
            ring[(int) (written++ % ring.length)] = event;
        }
    }

    /** The retained events, oldest first. */
    public synchronized List<TaskEvent> snapshot() {
        int n = (int) Math.min(written, ring.length);
        List<TaskEvent> out = new ArrayList<>(n);
        for (long i = written - n; i < written; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }

    /** How many events were ever recorded, including overwritten ones. */
    public synchronized long totalRecorded() {
        return written;
    }
}
