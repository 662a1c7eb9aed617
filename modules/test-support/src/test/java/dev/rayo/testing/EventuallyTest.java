package dev.rayo.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventuallyTest {
    private static final Duration LONG = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(100);

    private final AtomicInteger checks = new AtomicInteger();

    @Test
    void untilReturnsAsSoonAsTheConditionHolds() {
        Eventually.within(LONG).every(Duration.ofMillis(1)).until(() -> checks.incrementAndGet() == 3);

        assertEquals(3, checks.get());
    }

    @Test
    void untilFailsAfterTheTimeoutNamingWhatWasAwaited() {
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class, () -> Eventually.within(SHORT)
                .describedAs("node joined").until(() -> checks.incrementAndGet() < 0));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis >= SHORT.toMillis(), "gave up after " + elapsedMillis + " ms");
        assertEquals("condition 'node joined' not satisfied within 100 ms (" + checks.get() + " checks, every 20 ms)",
                e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void aZeroTimeoutStillChecksOnce() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Eventually.within(Duration.ZERO).until(() -> checks.incrementAndGet() < 0));

        assertEquals(1, checks.get());
        assertEquals("condition not satisfied within 0 ms (1 check, every 20 ms)", e.getMessage());
    }

    @Test
    void everySetsThePollIntervalAndChecksOnceMoreAtTheDeadline() {
        assertThrows(AssertionError.class, () -> Eventually.within(Duration.ofMillis(120)).every(Duration.ofMillis(50))
                .until(() -> checks.incrementAndGet() < 0));

        // at 0, 50, 100 and 120 ms at the most; fewer when the machine is slow, never one past the deadline
        assertTrue(checks.get() >= 2 && checks.get() <= 4, checks.get() + " checks");
    }

    @Test
    void untilWithAPredicateReturnsTheAcceptedValue() {
        int value = Eventually.within(LONG).every(Duration.ofMillis(1)).until(checks::incrementAndGet, v -> v >= 4);

        assertEquals(4, value);
    }

    @Test
    void untilWithAPredicateShowsTheLastValueOnTimeout() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Eventually.within(SHORT).until(checks::incrementAndGet, v -> v < 0));

        assertTrue(e.getMessage().startsWith("value not satisfied within 100 ms"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; last value: " + checks.get()), e.getMessage());
    }

    @Test
    void untilAssertedReturnsOnceTheAssertionsPass() {
        Eventually.within(LONG).every(Duration.ofMillis(1)).untilAsserted(() -> assertEquals(5, checks.incrementAndGet()));

        assertEquals(5, checks.get());
    }

    @Test
    void untilAssertedKeepsTheLastAssertionFailure() {
        AssertionError e = assertThrows(AssertionError.class, () -> Eventually.within(SHORT)
                .describedAs("counter at 99").untilAsserted(() -> assertEquals(99, checks.incrementAndGet(), "check")));

        int last = checks.get();
        assertTrue(last > 1, "retried: " + last);
        assertEquals("check ==> expected: <99> but was: <" + last + ">", e.getCause().getMessage());
        assertEquals("assertion 'counter at 99' not satisfied within 100 ms (" + last + " checks, every 20 ms); "
                + "last failure: check ==> expected: <99> but was: <" + last + ">", e.getMessage());
    }

    @Test
    void untilAssertedDoesNotRetryOtherExceptions() {
        IllegalStateException bug = new IllegalStateException("bug");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Eventually.within(LONG)
                .untilAsserted(() -> {
                    checks.incrementAndGet();
                    throw bug;
                }));

        assertSame(bug, e);
        assertEquals(1, checks.get());
    }

    @Test
    void untilAssertedReportsACheckedExceptionAsAFailureAtOnce() {
        Exception checked = new Exception("io");

        AssertionError e = assertThrows(AssertionError.class, () -> Eventually.within(LONG).untilAsserted(() -> {
            checks.incrementAndGet();
            throw checked;
        }));

        assertSame(checked, e.getCause());
        assertEquals("assertion threw java.lang.Exception: io", e.getMessage());
        assertEquals(1, checks.get());
    }

    @Test
    void anInterruptedWaitFailsAndKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> Eventually.within(LONG).describedAs("never").until(() -> false));

            assertEquals("interrupted while waiting for condition 'never'", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesANegativeTimeoutAndANonPositiveInterval() {
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> Eventually.within(Duration.ofMillis(-1)));
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> Eventually.within(LONG).every(Duration.ZERO));

        assertEquals("timeout must not be negative, was PT-0.001S", timeout.getMessage());
        assertEquals("poll interval must be positive, was PT0S", interval.getMessage());
    }

    @Test
    void settingsReturnANewWaitAndLeaveTheOriginalAsItWas() {
        Eventually base = Eventually.within(SHORT);
        Eventually tuned = base.every(Duration.ofMillis(5)).describedAs("x");

        assertEquals("Eventually.within(PT0.1S).every(PT0.02S)", base.toString());
        assertEquals("Eventually.within(PT0.1S).every(PT0.005S).describedAs(x)", tuned.toString());
    }
}
