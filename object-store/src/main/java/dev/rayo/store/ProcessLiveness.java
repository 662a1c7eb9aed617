package dev.rayo.store;

import java.time.Instant;

/**
 * Decides whether a process recorded in the control file is still running. The start time guards against pid
 * reuse: a recycled pid belongs to a process that started later than the recorded one.
 */
final class ProcessLiveness {
    /** Start times come from /proc at tick resolution; allow for rounding between two readings. */
    private static final long START_TOLERANCE_MILLIS = 1_000;

    private ProcessLiveness() {
    }

    /** This process's start time in epoch millis, or 0 when the platform does not report it. */
    static long currentStartMillis() {
        return startMillis(ProcessHandle.current());
    }

    /** True unless {@code pid} is gone or is now a different process than the one that started at {@code startMillis}. */
    static boolean isAlive(long pid, long startMillis) {
        if (pid <= 0) {
            return false;
        }
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        if (startMillis == 0) {
            return true;
        }
        long actual = startMillis(handle.get());
        return actual == 0 || Math.abs(actual - startMillis) <= START_TOLERANCE_MILLIS;
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
