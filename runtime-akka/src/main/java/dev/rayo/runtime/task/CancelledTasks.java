package dev.rayo.runtime.task;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The node's record of cancelled tasks and of the threads running tasks, so that a cancel can reach a task
 * wherever it is on this node: the scheduler drops it from its queues, a lane skips it before it starts, and a
 * running one has its thread interrupted (Ray's {@code ray.cancel} without {@code force} raises
 * {@code KeyboardInterrupt} in the task; interrupting is Java's equivalent).
 *
 * <p>Written by the scheduler (cancels arrive there) and read by the runners' threads, hence concurrent. A cancel
 * is remembered even for a task this node never saw, because the task may still be on its way here (spilled by
 * another node, or resubmitted after a node died); the oldest are forgotten beyond {@link #REMEMBERED}, which
 * bounds the memory a stream of cancels can take.
 *
 * <p>A cancel and the end of a task meet under the lock of the task's entry in {@code runningOn}, so an
 * interrupt lands either inside the task or not at all: never on the lane's next task.
 */
public final class CancelledTasks {
    /** How many cancelled task ids a node remembers. */
    static final int REMEMBERED = 100_000;

    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final Map<String, Thread> runningOn = new ConcurrentHashMap<>();

    /** Records that {@code taskId} is cancelled, and interrupts its thread if it runs on this node now. */
    public void cancel(String taskId) {
        if (cancelled.add(taskId)) {
            order.add(taskId);
            while (cancelled.size() > REMEMBERED) {
                String oldest = order.poll();
                if (oldest == null) {
                    break;
                }
                cancelled.remove(oldest);
            }
        }
        runningOn.computeIfPresent(taskId, (id, thread) -> {
            thread.interrupt();
            return thread;
        });
    }

    /** Whether {@code taskId} was cancelled (and is still remembered). */
    public boolean isCancelled(String taskId) {
        return !cancelled.isEmpty() && cancelled.contains(taskId);
    }

    /**
     * The calling thread is about to run {@code taskId}: false (and nothing recorded) when it was cancelled, so it
     * must not run.
     */
    boolean starting(String taskId) {
        runningOn.put(taskId, Thread.currentThread());
        if (isCancelled(taskId)) {
            finished(taskId);
            return false;
        }
        return true;
    }

    /**
     * The calling thread finished running {@code taskId}: whether it was cancelled meanwhile. Clears an interrupt
     * the cancel delivered, so the lane's next task does not inherit it.
     */
    boolean finished(String taskId) {
        runningOn.remove(taskId, Thread.currentThread()); // not another attempt's entry (a re-made task)
        if (isCancelled(taskId)) {
            Thread.interrupted();
            return true;
        }
        return false;
    }
}
