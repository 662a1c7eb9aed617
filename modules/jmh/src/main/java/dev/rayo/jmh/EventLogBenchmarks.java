package dev.rayo.jmh;

import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.events.TaskState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.ArrayDeque;

/**
 * What recording one task event costs on the hot path (a task records about five: submitted, running, two
 * phase marks, finished), from one thread and from two at once (a driver and a worker), against the obvious
 * JDK way of keeping the latest events: a locked {@link ArrayDeque} used as a ring, holding the same fields.
 */
@State(Scope.Benchmark)
public class EventLogBenchmarks {
    private static final int CAPACITY = 100_000;
    private final TaskEventLog log = new TaskEventLog(CAPACITY);
    private final ArrayDeque<Object[]> ring = new ArrayDeque<>(CAPACITY);

    /** Records one worker event, as {@code Invocation} does for RUNNING. */
    @Benchmark
    public void rayo_record_event() {
        log.onWorker("task-id", "Fns.noop", 0, TaskState.RUNNING, "127.0.0.1:25520", null, null);
    }

    /** The same from two threads at once. */
    @Benchmark
    @Threads(2)
    public void rayo_record_event_2_threads() {
        rayo_record_event();
    }

    /** Keeps the same fields in a locked deque of the same capacity. */
    @Benchmark
    public void jdk_record_event() {
        Object[] event = {"task-id", "Fns.noop", 0, TaskState.RUNNING, "127.0.0.1:25520", "",
                Thread.currentThread().getName(), System.currentTimeMillis() * 1000, ""};
        synchronized (ring) {
            if (ring.size() == CAPACITY) {
                ring.pollFirst();
            }
            ring.addLast(event);
        }
    }

    /** The same from two threads at once. */
    @Benchmark
    @Threads(2)
    public void jdk_record_event_2_threads() {
        jdk_record_event();
    }
}
