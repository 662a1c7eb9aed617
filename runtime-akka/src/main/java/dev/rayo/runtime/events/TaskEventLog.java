package dev.rayo.runtime.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A node's bounded ring of the latest task events: the oldest are overwritten, so recording never grows memory,
 * and what was overwritten is counted ({@link #dropped()}) so the dashboard can say its view is partial.
 * <p>
 * Recording is on every task's hot path, so it takes no lock: a writer claims a sequence number with one
 * atomic increment and stores into its slot. A reader racing with writers may miss an event being written;
 * for monitoring that is the right trade against slowing every task. Timestamps come from {@code nanoTime}
 * offset to the epoch once, which is monotonic within a node and costs far less than {@code Instant.now()}.
 */
public final class TaskEventLog {
    private final AtomicReferenceArray<TaskEvent> ring;
    private final AtomicLong written = new AtomicLong();
    private final LongAdder[] entered = new LongAdder[TaskState.values().length];
    private final long epochMicrosAtBase;
    private final long nanoBase;

    /** A log keeping the latest {@code capacity} events. */
    public TaskEventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("event log capacity must be positive: " + capacity);
        }
        this.ring = new AtomicReferenceArray<>(capacity);
        for (int i = 0; i < entered.length; i++) {
            entered[i] = new LongAdder();
        }
        this.nanoBase = System.nanoTime();
        this.epochMicrosAtBase = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    }

    /** Now, in microseconds since the epoch on this log's clock. */
    public long nowMicros() {
        return epochMicrosAtBase + (System.nanoTime() - nanoBase) / 1000;
    }

    /** Records {@code event} as it is. */
    public void record(TaskEvent event) {
        if (event.state() != null) {
            entered[event.state().ordinal()].increment();
        }
        long seq = written.getAndIncrement();
        ring.lazySet((int) (seq % ring.length()), event);
    }

    /** Records that the owner submitted a task; where the code runs is not known yet, so no worker. */
    public void submitted(String taskId, String name, int attempt, TaskState state, String nodeId, String actorId,
                          TaskEvent.Submission submission) {
        record(new TaskEvent(taskId, name, attempt, state, null, nodeId, actorId, "", nowMicros(), "", submission));
    }

    /** Records that a task entered {@code state} on this node, from code that runs no user code (a scheduler). */
    public void state(String taskId, String name, int attempt, TaskState state, String nodeId, String error) {
        record(new TaskEvent(taskId, name, attempt, state, null, nodeId, "", "", nowMicros(),
                error == null ? "" : error, null));
    }

    /** Records that an attempt entered {@code state} on the calling worker thread. */
    public void onWorker(String taskId, String name, int attempt, TaskState state, String nodeId, String actorId,
                         String error) {
        record(new TaskEvent(taskId, name, attempt, state, null, nodeId, actorId == null ? "" : actorId,
                Thread.currentThread().getName(), nowMicros(), error == null ? "" : error, null));
    }

    /** Records a phase mark of a running attempt, on the calling worker thread. */
    public void phase(String taskId, String name, int attempt, TaskPhase phase, String nodeId, String actorId) {
        record(new TaskEvent(taskId, name, attempt, null, phase, nodeId, actorId == null ? "" : actorId,
                Thread.currentThread().getName(), nowMicros(), "", null));
    }

    /** The retained events, oldest first. */
    public List<TaskEvent> snapshot() {
        return since(0, Integer.MAX_VALUE).events();
    }

    /**
     * Up to {@code max} retained events with sequence numbers from {@code fromSeq} on, oldest first, and the
     * sequence number to ask for next; events overwritten before they were read are skipped.
     */
    public Page since(long fromSeq, int max) {
        long end = written.get();
        long start = Math.max(fromSeq, end - ring.length());
        List<TaskEvent> out = new ArrayList<>((int) Math.min(max, Math.max(0, end - start)));
        long seq = start;
        for (; seq < end && out.size() < max; seq++) {
            TaskEvent e = ring.get((int) (seq % ring.length()));
            if (e != null) {
                out.add(e);
            }
        }
        return new Page(out, seq, seq < end);
    }

    /**
     * For an exporter that must write each event once: up to {@code max} retained events with sequence numbers in
     * {@code [fromSeq, toSeq)}, oldest first, and the sequence number to ask for next. Events overwritten before
     * or while they are read are left out (the slot may hold a newer event by then), so
     * {@code next - fromSeq - events.size()} is how many of that range were lost. Writers claim a number before
     * they store the event, so {@code toSeq} should be a {@link #totalRecorded()} read a while ago: a slot whose
     * writer is still between the two steps would be missed, or read with the event it replaces.
     */
    public Page range(long fromSeq, long toSeq, int max) {
        long end = Math.min(toSeq, written.get());
        long start = Math.max(fromSeq, written.get() - ring.length());
        int n = (int) Math.max(0, Math.min(max, end - start));
        TaskEvent[] read = new TaskEvent[n];
        for (int i = 0; i < n; i++) {
            read[i] = ring.get((int) ((start + i) % ring.length()));
        }
        // Whatever a writer overwrote during the loop may have been read as the newer event: leave it out.
        long firstIntact = written.get() - ring.length();
        List<TaskEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (read[i] != null && start + i >= firstIntact) {
                out.add(read[i]);
            }
        }
        long next = start + n;
        return new Page(out, next, next < end);
    }

    /** A page of events: {@code next} is the sequence number to read from next; {@code more} whether there is. */
    public record Page(List<TaskEvent> events, long next, boolean more) {
    }

    /** How many events were ever recorded, including overwritten ones. */
    public long totalRecorded() {
        return written.get();
    }

    /** How many events were overwritten before anyone could be sure to read them. */
    public long dropped() {
        return Math.max(0, written.get() - ring.length());
    }

    /**
     * How many times, since this node started, an attempt entered each state here (indexed by
     * {@link TaskState#ordinal()}): counters that only grow, for Prometheus, and never dropped.
     */
    public long[] enteredCounts() {
        long[] out = new long[entered.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = entered[i].sum();
        }
        return out;
    }

    /** How many events are kept. */
    public int capacity() {
        return ring.length();
    }
}
