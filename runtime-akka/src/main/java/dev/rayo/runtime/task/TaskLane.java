package dev.rayo.runtime.task;

import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks one {@link TaskRunner} runs one after another under a single grant of resources: Ray's leased
 * worker with pipelined tasks ({@code max_tasks_in_flight_per_worker}). The scheduler grants a shape's
 * resources once, to the lane, and then hands the lane further tasks of the same shape while its runner is
 * still busy, so a worker thread goes from one task straight to the next instead of waiting for a round trip
 * through the scheduler, a new actor and a thread hand-off per task, which cost more than a small task itself.
 *
 * <p>Two threads share it: the scheduler's offers tasks, the runner's takes them. An idle lane lingers a short
 * while for its next task, so a steady stream of small tasks keeps its lanes instead of starting a new actor per
 * task; it ends when the runner finds it empty after that, or when the scheduler ends it to give its resources
 * to a request of another shape. An ended lane refuses offers, so the scheduler knows to start a new one; that
 * hand-over under one lock is the only state the two share. The scheduler keeps its own count of what it
 * offered and what finished, and never reads the queue to decide.
 */
public final class TaskLane {
    /** A task whose inputs are resolved, ready to run. */
    public record Granted(TaskSpec spec, List<StoredValue> args) {
    }

    private final Allocation allocation;
    private final ArrayDeque<Granted> queue = new ArrayDeque<>();
    /** Written under the lock, read without it while the runner spins. */
    private volatile boolean ended;
    /** Set while the running task is blocked in get/wait; guarded by the lock. */
    private boolean paused;
    /** Whether the queue is non-empty: read without the lock while the runner spins. */
    private volatile boolean hasWork;
    /** The runner's thread while it parks waiting for a task, so an offer wakes it. */
    private volatile Thread runner;

    /** A lane holding {@code allocation}, starting with {@code first}. */
    public TaskLane(Allocation allocation, Granted first) {
        this.allocation = allocation;
        queue.add(first);
        hasWork = true;
    }

    /** The resources the lane holds for as long as it runs. */
    public Allocation allocation() {
        return allocation;
    }

    /**
     * Queues {@code task} behind the lane's others; false when the lane has ended and will run nothing more
     * ({@link #hasEnded()}), or when its running task is blocked in get/wait and takes nothing until it resumes.
     */
    public boolean offer(Granted task) {
        synchronized (this) {
            if (ended || paused) {
                return false;
            }
            queue.add(task);
            hasWork = true;
        }
        wakeRunner();
        return true;
    }

    /**
     * Ends the lane if it holds no task that has not started, so its resources can go to a request of
     * another shape; false when it still has work (it ends on its own once that is done).
     */
    public boolean tryEnd() {
        synchronized (this) {
            if (!ended && !queue.isEmpty()) {
                return false;
            }
            ended = true;
        }
        wakeRunner();
        return true;
    }

    /**
     * The next task to run, or null once the lane has ended. With none queued, polls for {@code spinNanos}
     * (a caller that gets one result and submits its next task finds the lane running), then parks up to
     * {@code lingerNanos} for the scheduler to offer one, and then ends the lane. Runner only.
     */
    Granted next(long spinNanos, long lingerNanos) {
        Thread.interrupted(); // a task that left its thread interrupted must not cut the lane's wait short
        Granted g = pollOrEnd(false);
        if (g != null || ended()) {
            return g;
        }
        long now = System.nanoTime();
        long spinUntil = now + spinNanos;
        while (now < spinUntil) {
            // yield, not onSpinWait: with more spinning threads than cores (a get, the scheduler, a lane on 2
            // cores), a pure spin keeps the thread that has the work to do off the CPU for a whole time slice.
            Thread.yield();
            if (hasWork || ended()) {
                return pollOrEnd(false);
            }
            now = System.nanoTime();
        }
        long deadline = now + lingerNanos;
        runner = Thread.currentThread();
        try {
            while (true) {
                g = pollOrEnd(now - deadline >= 0);
                if (g != null || ended()) {
                    return g;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(this, deadline - now);
                now = System.nanoTime();
            }
        } finally {
            runner = null;
        }
    }

    /**
     * Takes back the task queued last, not started yet, for a lane of the same shape that went idle: a task
     * pipelined behind a long one should not wait while another lane could run it. Scheduler only.
     */
    public synchronized Granted stealLast() {
        Granted g = queue.pollLast();
        hasWork = !queue.isEmpty();
        return g;
    }

    /** Whether the lane ended: it takes no task any more. */
    public boolean hasEnded() {
        return ended;
    }

    /**
     * Takes back every task not started yet, and refuses offers until {@link #resume()}: the running one
     * blocked in get/wait, perhaps on one of them, so they must be free to run elsewhere, and nothing new may
     * queue behind it. Runner only.
     */
    synchronized List<Granted> takeUnstarted() {
        paused = true;
        List<Granted> back = new ArrayList<>(queue);
        queue.clear();
        hasWork = false;
        return back;
    }

    /**
     * Takes {@code taskId} out of the lane's queue if it has not started (it was cancelled); false when it is not
     * queued here (it runs, ran, or was never offered to this lane). Scheduler only.
     */
    public synchronized boolean removeUnstarted(String taskId) {
        boolean removed = queue.removeIf(g -> g.spec().taskId().equals(taskId));
        hasWork = !queue.isEmpty();
        return removed;
    }

    /** The blocked task resumed: the lane takes tasks again. Runner only. */
    synchronized void resume() {
        paused = false;
    }

    /** The next queued task; else null, ending the lane first when {@code endIfEmpty}. */
    private synchronized Granted pollOrEnd(boolean endIfEmpty) {
        Granted g = queue.poll();
        hasWork = !queue.isEmpty();
        if (g == null && endIfEmpty) {
            ended = true;
        }
        return g;
    }

    private boolean ended() {
        return ended;
    }

    private void wakeRunner() {
        Thread waiting = runner;
        if (waiting != null) {
            java.util.concurrent.locks.LockSupport.unpark(waiting);
        }
    }
}
