package dev.rayo.runtime.scheduler;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A work queue whose idle taker polls it for {@code spinNanos} before it parks: waking a parked thread costs tens
 * of microseconds on a virtual machine, more than the work it is woken for. An actor's own threads use it (an
 * actor called in a loop gets its next call within microseconds of finishing the last one), and so does the
 * node scheduler's thread (a message every few microseconds while tasks flow).
 */
public final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    private final long spinNanos;

    /** A queue whose takers poll for {@code spinNanos} (0: park at once) before parking. */
    public SpinningQueue(long spinNanos) {
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
            // yield, not onSpinWait: with more spinning threads than cores (a get, the scheduler, a lane on 2
            // cores), a pure spin keeps the thread that has the work to do off the CPU for a whole time slice.
            Thread.yield();
        } while (System.nanoTime() < until);
        return null;
    }
}
