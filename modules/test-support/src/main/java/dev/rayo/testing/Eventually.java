package dev.rayo.testing;

import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits, in a test, for something another thread or node makes true: a task's side effect, an actor's
 * registration, a node joining. It replaces hand-written {@code while (!done) Thread.sleep(..)} loops, which
 * either forget a deadline (and hang the build) or fail with no word on what was awaited.
 *
 * <pre>{@code
 * Eventually.within(Duration.ofSeconds(5)).describedAs("actor 'counter' registered")
 *         .until(() -> Rayo.getActor("counter").isPresent());
 * int n = Eventually.within(Duration.ofSeconds(5)).until(counter::get, v -> v >= 3);
 * Eventually.within(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(3, counter.get()));
 * }</pre>
 *
 * <p>The condition is checked at once, then every {@linkplain #every(Duration) interval} (20 ms unless set),
 * and a last time when the timeout has elapsed; only then does the wait fail, with an {@link AssertionError}
 * so that test reports show it as a failure, not as an error. Instances are immutable: {@link #every} and
 * {@link #describedAs} return a new one, so a configured wait can be kept in a constant and shared.
 */
public final class Eventually {
    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(20);

    private final Duration timeout;
    private final Duration interval;
    private final String description;

    private Eventually(Duration timeout, Duration interval, String description) {
        this.timeout = timeout;
        this.interval = interval;
        this.description = description;
    }

    /**
     * A wait that gives up after {@code timeout}; a deadline is mandatory so that a broken condition fails the
     * test instead of hanging the build.
     *
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public static Eventually within(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        return new Eventually(timeout, DEFAULT_INTERVAL, null);
    }

    /**
     * The same wait, checking every {@code pollInterval}: longer for conditions that are costly to check,
     * shorter where latency is what the test measures.
     *
     * @throws IllegalArgumentException when {@code pollInterval} is zero or negative (that would spin)
     */
    public Eventually every(Duration pollInterval) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + pollInterval);
        }
        return new Eventually(timeout, pollInterval, description);
    }

    /**
     * The same wait, naming what it awaits in the failure message, so a timeout says what did not happen
     * rather than only that something did not.
     */
    public Eventually describedAs(String whatIsAwaited) {
        return new Eventually(timeout, interval, Objects.requireNonNull(whatIsAwaited, "whatIsAwaited"));
    }

    /**
     * Returns once {@code condition} is true. An exception thrown by the condition fails the wait at once: it
     * is a bug, not a state to wait out.
     *
     * @throws AssertionError when the condition is still false after the timeout
     */
    public void until(BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        await("condition", () -> condition.getAsBoolean() ? Check.met(null) : Check.notMet(null, null));
    }

    /**
     * Returns the first value of {@code value} that {@code accept} accepts, so the test can go on with the
     * value it waited for instead of reading it again (and maybe seeing a later one).
     *
     * @throws AssertionError when no value was accepted within the timeout; the message shows the last value
     */
    public <T> T until(Supplier<? extends T> value, Predicate<? super T> accept) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(accept, "accept");
        return await("value", () -> {
            T seen = value.get();
            return accept.test(seen) ? Check.met(seen) : Check.notMet("last value: " + seen, null);
        });
    }

    /**
     * Returns once {@code assertions} run without throwing an {@link AssertionError}, so ordinary JUnit
     * assertions can be waited on and still report expected and actual values. Any other exception fails the
     * wait at once. A plain {@link Runnable} {@code r} fits as {@code r::run}.
     *
     * @throws AssertionError when the assertions still fail after the timeout: its message adds the timeout to
     *                        the last failure's message, and its cause is that last failure
     */
    public void untilAsserted(Executable assertions) {
        Objects.requireNonNull(assertions, "assertions");
        await("assertion", () -> {
            try {
                assertions.execute();
                return Check.met(null);
            } catch (AssertionError failure) {
                return Check.notMet("last failure: " + failure.getMessage(), failure);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable checked) {
                throw new AssertionError(name("assertion") + " threw " + checked, checked);
            }
        });
    }

    private <T> T await(String what, Probe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checks = 0;
        while (true) {
            Check<T> check = probe.check();
            checks++;
            if (check.met) {
                return check.value;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                String message = name(what) + " not satisfied within " + timeout.toMillis() + " ms ("
                        + checks + (checks == 1 ? " check" : " checks") + ", every " + interval.toMillis() + " ms)"
                        + (check.detail == null ? "" : "; " + check.detail);
                throw new AssertionError(message, check.failure);
            }
            sleep(Math.min(left, interval.toNanos()), what);
        }
    }

    private void sleep(long nanos, String what) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name(what), e);
        }
    }

    private String name(String what) {
        return description == null ? what : what + " '" + description + "'";
    }

    @Override
    public String toString() {
        return "Eventually.within(" + timeout + ").every(" + interval + ")"
                + (description == null ? "" : ".describedAs(" + description + ")");
    }

    /** One check of the awaited state. */
    @FunctionalInterface
    private interface Probe<T> {
        Check<T> check();
    }

    /** What one check found: met (with its value), or not yet (with what was seen, and the failure if any). */
    private record Check<T>(boolean met, T value, String detail, AssertionError failure) {
        static <T> Check<T> met(T value) {
            return new Check<>(true, value, null, null);
        }

        static <T> Check<T> notMet(String detail, AssertionError failure) {
            return new Check<>(false, null, detail, failure);
        }
    }
}
