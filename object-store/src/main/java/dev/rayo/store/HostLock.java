package dev.rayo.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host-wide lock guarding structural changes to the control file: a word in the shared header holding
 * the holder's process entry + 1. Threads of one process queue on a local lock first so that only one of
 * them spins on shared memory. A holder that died is detected through its pid and the lock is taken over;
 * {@link #lock()} then runs the repair action given at construction ({@link ProcessSweeper#repairLocked()})
 * before returning, so whatever the dead holder left half-done is undone before anyone relies on it.
 */
final class HostLock {
    private static final long LIVENESS_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ControlFile control;
    private final long word;
    private final ReentrantLock local = new ReentrantLock();
    private final Runnable repair;

    /** The lock of process entry {@code process}; {@code repair} runs, locked, after taking over from the dead. */
    HostLock(ControlFile control, int process, Runnable repair) {
        this.control = control;
        this.word = process + 1L;
        this.repair = repair;
    }

    /**
     * Acquires the lock; when it was taken over from a dead holder, runs the repair action before returning true.
     * Should the repair throw, the exception propagates with the lock still held.
     */
    boolean lock() {
        if (acquire()) {
            repair.run();
            return true;
        }
        return false;
    }

    /** Acquires the lock; returns true when it was taken over from a dead holder. */
    private boolean acquire() {
        local.lock();
        try {
            if (control.casLock(0, word)) {
                return false;
            }
            int spins = 0;
            long lastCheck = System.nanoTime();
            while (true) {
                long holder = control.lockWord();
                if (holder == 0) {
                    if (control.casLock(0, word)) {
                        return false;
                    }
                    continue;
                }
                if (++spins < 100) {
                    Thread.onSpinWait();
                } else if (spins < 200) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(20_000);
                }
                long now = System.nanoTime();
                if (now - lastCheck > LIVENESS_CHECK_INTERVAL_NANOS) {
                    lastCheck = now;
                    int process = (int)(holder - 1);
                    if (holder == word || !ProcessLiveness.isAlive(control.processPid(process), control.processStart(process))) {
                        if (control.casLock(holder, word)) {
                            return true;
                        }
                    }
                }
            }
        } catch (RuntimeException | Error ex) {
            local.unlock();
            throw ex;
        }
    }

    /** Releases the lock. */
    void unlock() {
        control.releaseLock();
        local.unlock();
    }

    /** True when this thread holds the lock. */
    boolean isHeldByCurrentThread() {
        return local.isHeldByCurrentThread();
    }
}
