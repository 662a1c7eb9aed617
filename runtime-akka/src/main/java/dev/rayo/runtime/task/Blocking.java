package dev.rayo.runtime.task;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for objects from user code. Inside a task, the wait lends the task's CPUs back to the scheduler,
 * which admits waiting tasks on them, each on a thread of its own (the worker pool grows with the admitted
 * tasks): nested tasks can always run, whatever the nesting depth. The wait goes through
 * {@link ForkJoinPool#managedBlock}, so a caller on a fork-join pool (a parallel stream inside a task, an
 * application's pool) is compensated with a spare thread too.
 */
public final class Blocking {
    private Blocking() {
    }

    /**
     * Waits for {@code future} until {@code deadlineNanos} ({@link System#nanoTime()} based;
     * {@link Long#MAX_VALUE} for no deadline). A thread outside any task first polls for up to
     * {@code spinNanos} ({@code rayo.get.spin-nanos}).
     *
     * @return false when the deadline passed first
     */
    public static boolean await(CompletableFuture<?> future, long deadlineNanos, long spinNanos) {
        if (future.isDone()) {
            return true;
        }
        TaskContext.BlockingListener listener = TaskContext.current().map(TaskContext::blockingListener).orElse(null);
        String taskId = listener == null ? null : TaskContext.current().get().taskId();
        if (listener == null && spinUntilDone(future, deadlineNanos, spinNanos)) {
            // A driver thread: a short result (a few tens of microseconds away) is caught without paying
            // for parking and being woken; task threads never spin, they lend their CPUs at once.
            return true;
        }
        if (listener != null) {
            listener.blocked(taskId);
        }
        try {
            Waiter waiter = new Waiter(future, deadlineNanos);
            ForkJoinPool.managedBlock(waiter);
            return future.isDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return future.isDone();
        } finally {
            if (listener != null) {
                listener.unblocked(taskId);
            }
        }
    }

    /** Polls {@code future} for up to {@code spinNanos} (never past the deadline); true when it is done. */
    private static boolean spinUntilDone(CompletableFuture<?> future, long deadlineNanos, long spinNanos) {
        if (spinNanos <= 0) {
            return future.isDone();
        }
        long start = System.nanoTime();
        long end = start + spinNanos;
        if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - end < 0) {
            end = deadlineNanos;
        }
        while (!future.isDone()) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            // yield, not onSpinWait: with more spinning threads than cores (a get, the scheduler, a lane on 2
            // cores), a pure spin keeps the thread that has the work to do off the CPU for a whole time slice.
            Thread.yield();
        }
        return true;
    }

    private record Waiter(CompletableFuture<?> future, long deadlineNanos) implements ForkJoinPool.ManagedBlocker {
        @Override
        public boolean block() throws InterruptedException {
            try {
                if (deadlineNanos == Long.MAX_VALUE) {
                    future.get();
                } else {
                    long left = deadlineNanos - System.nanoTime();
                    if (left > 0) {
                        future.get(left, TimeUnit.NANOSECONDS);
                    }
                }
            } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
                // Done or expired: the caller reads the outcome from the future.
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return future.isDone() || deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0;
        }
    }
}
