package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoTaskCancelledException;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Rayo.cancel} as Ray's {@code ray.cancel} without {@code force}: a queued task never runs, a running one is
 * interrupted, neither is retried, {@code get} says cancelled, a finished task keeps its result, and the node goes
 * on serving. The one-node runtime runs tasks in this JVM, so static latches and counters see them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskCancelTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    private static final Duration GET = Duration.ofSeconds(30);
    private static volatile CountDownLatch started = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();
    private static final AtomicInteger QUEUED_RUNS = new AtomicInteger();

    /** Runs until interrupted (at most a minute), counting its attempts. */
    static int untilInterrupted() {
        ATTEMPTS.incrementAndGet();
        started.countDown();
        try {
            Thread.sleep(60_000);
            return 1;
        } catch (InterruptedException e) {
            INTERRUPTED.set(true);
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Holds a CPU until the test releases it. */
    static int hold(int v) throws InterruptedException {
        started.countDown();
        release.await(60, TimeUnit.SECONDS);
        return v;
    }

    static int queued() {
        QUEUED_RUNS.incrementAndGet();
        return 7;
    }

    static int add(int a, int b) {
        return a + b;
    }

    static int plusOne(int a) {
        return a + 1;
    }

    /** An actor whose call results cannot be cancelled as tasks. */
    public static class Echo {
        public int echo(int v) {
            return v;
        }
    }

    @Test
    void aRunningTaskIsInterruptedNotRetriedAndSaysCancelled() throws Exception {
        started = new CountDownLatch(1);
        ATTEMPTS.set(0);
        INTERRUPTED.set(false);
        ObjectRef<Integer> running = Rayo.task(TaskCancelTest::untilInterrupted)
                .setMaxRetries(3).setRetryExceptions(true).remote();
        assertTrue(started.await(30, TimeUnit.SECONDS), "the task started");
        Rayo.cancel(running);
        RayoTaskCancelledException e = assertThrows(RayoTaskCancelledException.class, () -> Rayo.get(running, GET));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertTrue(INTERRUPTED.get(), "the task's thread was interrupted");
        // a consumer of the cancelled result fails with the same error, without running
        ObjectRef<Integer> consumer = Rayo.task(TaskCancelTest::plusOne, running).remote();
        assertThrows(RayoTaskCancelledException.class, () -> Rayo.get(consumer, GET));
        // the node still serves, on the same lanes, and the cancelled task was not run again
        assertEquals(3, Rayo.get(Rayo.task(TaskCancelTest::add, 1, 2).remote(), GET));
        assertEquals(1, ATTEMPTS.get(), "a cancelled task is not retried");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aQueuedTaskNeverRunsAndLeavesTheQueueAtOnce() throws Exception {
        started = new CountDownLatch(2);
        release = new CountDownLatch(1);
        QUEUED_RUNS.set(0);
        ObjectRef<Integer> first = Rayo.task(TaskCancelTest::hold, 1).remote();
        ObjectRef<Integer> second = Rayo.task(TaskCancelTest::hold, 2).remote();
        try {
            assertTrue(started.await(30, TimeUnit.SECONDS), "both CPUs are held");
            ObjectRef<Integer> waiting = Rayo.task(TaskCancelTest::queued).remote();
            Rayo.cancel(waiting);
            // fails while both CPUs are still held: it left the queue, it did not wait for a CPU to run and fail
            assertThrows(RayoTaskCancelledException.class, () -> Rayo.get(waiting, GET));
            assertEquals(1, started.getCount() + 1, "the holders are still running");
        } finally {
            release.countDown();
        }
        assertEquals(1, Rayo.get(first, GET));
        assertEquals(2, Rayo.get(second, GET));
        assertEquals(7, Rayo.get(Rayo.task(TaskCancelTest::queued).remote(), GET));
        assertEquals(1, QUEUED_RUNS.get(), "the cancelled task never ran; the next one did");
    }

    @Test
    void aFinishedTaskKeepsItsResult() {
        ObjectRef<Integer> done = Rayo.task(TaskCancelTest::add, 2, 3).remote();
        assertEquals(5, Rayo.get(done, GET));
        Rayo.cancel(done);
        assertEquals(5, Rayo.get(done, GET));
    }

    @Test
    void refsThatNoTaskMakesAreRejectedByName() {
        IllegalArgumentException put = assertThrows(IllegalArgumentException.class, () -> Rayo.cancel(Rayo.put(1)));
        assertTrue(put.getMessage().contains("from put"), put.getMessage());
        ActorHandle<Echo> echo = Rayo.actor(Echo::new).remote();
        ObjectRef<Integer> call = echo.task(Echo::echo, 4).remote();
        IllegalArgumentException actorCall = assertThrows(IllegalArgumentException.class, () -> Rayo.cancel(call));
        assertTrue(actorCall.getMessage().contains("actor call"), actorCall.getMessage());
        assertEquals(4, Rayo.get(call, GET), "the call was left alone");
        assertThrows(NullPointerException.class, () -> Rayo.cancel(null));
    }
}
