package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoTaskException;
import dev.rayo.api.exception.RayoTimeoutException;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code get} of a list is fail-fast, as in Ray: an error is thrown once known, whatever pends before it. */
class GetFailFastTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /** Ends the slow tasks when a test is over, so they don't hold CPUs for the next one. */
    private static volatile CountDownLatch slowEnd = new CountDownLatch(0);

    /** A task that runs 30 s (or until the test ends). */
    static int slow() throws InterruptedException {
        slowEnd.await(30, TimeUnit.SECONDS);
        return 1;
    }

    static int fail(String message) {
        throw new IllegalStateException(message);
    }

    @BeforeEach
    void newSlowEnd() {
        slowEnd = new CountDownLatch(1);
    }

    @AfterEach
    void endSlowTasks() {
        slowEnd.countDown();
    }

    @Test
    @Timeout(value = 25, unit = TimeUnit.SECONDS)
    void anErrorBehindASlowRefIsThrownAtOnce() {
        ObjectRef<Integer> slow = Rayo.task(GetFailFastTest::slow).remote();
        ObjectRef<Integer> failing = Rayo.task(GetFailFastTest::fail, "boom").remote();
        long start = System.nanoTime();
        RayoTaskException e = assertThrows(RayoTaskException.class, () -> Rayo.get(List.of(slow, failing)));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("boom", e.getCause().getMessage());
        assertTrue(took < 10_000, "the error came after " + took + " ms, not within seconds");
    }

    @Test
    @Timeout(value = 25, unit = TimeUnit.SECONDS)
    void anErrorKnownBeforeTheTimeoutWinsOverTheTimeout() {
        ObjectRef<Integer> slow = Rayo.task(GetFailFastTest::slow).remote();
        ObjectRef<Integer> failing = Rayo.task(GetFailFastTest::fail, "late").remote();
        long start = System.nanoTime();
        RayoTaskException e = assertThrows(RayoTaskException.class,
                () -> Rayo.get(List.of(slow, failing), Duration.ofSeconds(20)));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("late", e.getCause().getMessage());
        assertTrue(took < 10_000, "the error came after " + took + " ms, not within seconds");

        // Known before a short timeout ends too: the error, not RayoTimeoutException.
        Rayo.wait(List.of(failing), 1, Duration.ofSeconds(10));
        e = assertThrows(RayoTaskException.class, () -> Rayo.get(List.of(slow, failing), Duration.ofMillis(300)));
        assertEquals("late", e.getCause().getMessage());
    }

    @Test
    @Timeout(value = 25, unit = TimeUnit.SECONDS)
    void withoutErrorsTheValuesComeInOrderOrTheTimeout() {
        ObjectRef<Integer> slow = Rayo.task(GetFailFastTest::slow).remote();
        assertThrows(RayoTimeoutException.class, () -> Rayo.get(List.of(Rayo.put(7), slow), Duration.ofMillis(300)));
        slowEnd.countDown();
        assertEquals(List.of(7, 1, 3), Rayo.get(List.of(Rayo.put(7), slow, Rayo.task(Fns::add, 1, 2).remote())));
        assertEquals(List.of(), Rayo.get(List.<ObjectRef<Integer>>of()));
    }
}
