package dev.rayo.runtime.task;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cancel stops a task before it starts, interrupts it while it runs, and never leaks into the next task. */
class CancelledTasksTest {

    @Test
    void aTaskCancelledBeforeItStartsDoesNotStart() {
        CancelledTasks cancels = new CancelledTasks();
        assertFalse(cancels.isCancelled("t1"));
        cancels.cancel("t1");
        assertTrue(cancels.isCancelled("t1"));
        assertFalse(cancels.starting("t1"));
        assertFalse(Thread.interrupted(), "the lane's thread is not left interrupted");
        assertTrue(cancels.starting("t2"), "other tasks run");
        assertFalse(cancels.finished("t2"));
    }

    @Test
    void aRunningTaskIsInterruptedAndTheInterruptIsClearedWhenItEnds() throws Exception {
        CancelledTasks cancels = new CancelledTasks();
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean reportedCancelled = new AtomicBoolean();
        AtomicBoolean cleanAfter = new AtomicBoolean();
        Thread lane = new Thread(() -> {
            cancels.starting("t1");
            running.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt(); // code that restores the flag must not taint the next task
            }
            reportedCancelled.set(cancels.finished("t1"));
            cleanAfter.set(!Thread.currentThread().isInterrupted());
        });
        lane.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        cancels.cancel("t1");
        lane.join(10_000);
        assertTrue(interrupted.get(), "the running task was interrupted");
        assertTrue(reportedCancelled.get());
        assertTrue(cleanAfter.get(), "the next task on the lane starts uninterrupted");
    }

    @Test
    void aTaskThatEndedIsNotInterruptedByALateCancel() {
        CancelledTasks cancels = new CancelledTasks();
        assertTrue(cancels.starting("t1"));
        assertFalse(cancels.finished("t1"));
        cancels.cancel("t1"); // arrives after the end: this thread runs other work now
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void onlyTheNewestCancelsAreRemembered() {
        CancelledTasks cancels = new CancelledTasks();
        for (int i = 0; i <= CancelledTasks.REMEMBERED; i++) {
            cancels.cancel("t" + i);
        }
        assertFalse(cancels.isCancelled("t0"), "the oldest was forgotten");
        assertTrue(cancels.isCancelled("t1"));
        assertTrue(cancels.isCancelled("t" + CancelledTasks.REMEMBERED));
    }
}
