package dev.rayo.runtime.actor;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The work queue of an actor's own threads: a thread that finds it empty polls it for {@code spinNanos} before
 * it parks. An actor called in a loop (call, get, call) gets its next call within microseconds of finishing the
 * last one, and waking a parked thread costs tens of microseconds on a virtual machine: without the spin an
 * actor's call costs about twice what it did on the shared worker pool, whose threads spin the same way.
 */
final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    private final long spinNanos;

    /** A queue whose takers poll for {@code spinNanos} (0: park at once) before parking. */
    SpinningQueue(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    @Override
    public Runnable take() throws InterruptedException {
        Runnable next = spin();
        return next != null ? next : super.take();
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        Runnable next = spin();
        return next != null ? next : super.poll(timeout, unit);
    }

    private Runnable spin() {
        if (spinNanos <= 0) {
            return null;
        }
        long until = System.nanoTime() + spinNanos;
        do {
            Runnable next = poll();
            if (next != null) {
                return next;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < until);
        return null;
    }
}
