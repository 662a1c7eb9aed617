package dev.rayo.store;

import org.agrona.collections.Int2IntHashMap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static dev.rayo.store.ControlFile.CREATING;
import static dev.rayo.store.ControlFile.DELETE_PENDING;
import static dev.rayo.store.ControlFile.FLAG_SPILL_COPY;
import static dev.rayo.store.ControlFile.FREE;
import static dev.rayo.store.ControlFile.RESTORING;
import static dev.rayo.store.ControlFile.SEALED;
import static dev.rayo.store.ControlFile.SPILLED;
import static dev.rayo.store.ControlFile.SPILLING;
import static dev.rayo.store.ControlFile.TOMBSTONE;

/**
 * The crash sweep: reclaims what a JVM that died left in the {@link ControlFile}.
 *
 * <p><b>Why.</b> Any process may be killed at any instruction. What it leaves (its pins, its unsealed objects,
 * its half-done spills and restores, an orphan file of a half-done pool change, counters it was updating under
 * the host lock) would otherwise hold capacity, or block a delete, forever. No process is in charge of the host,
 * so every survivor sweeps: when a store opens, periodically on a daemon thread ({@link #startPeriodic}), before
 * a create gives up on space, while a get waits on a dead process's spill or restore, and after taking the host
 * lock over from a dead holder ({@link #repairLocked}).
 *
 * <p><b>State owned.</b> The entries of dead processes in the process table: a dead process's pin column, its
 * transient slots (CREATING, SPILLING, RESTORING owned by it) and finally its entry, which this class releases.
 * It also owns the sweeper thread of this store instance. The {@code ...Locked} methods run under the host
 * lock; everything else takes it.
 */
final class ProcessSweeper {
    /** How long {@link #stopPeriodic()} waits for a running sweep: the control file is unmapped right after. */
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final ControlFile control;
    private final HostLock lock;
    private final ObjectTable table;
    private final FilePool pool;
    private final SpillDirectory spill;
    private final int process;
    private volatile ScheduledExecutorService periodic;

    /** Sweeps on behalf of process entry {@code process} (never swept, since it is alive: it is this process). */
    ProcessSweeper(ControlFile control, HostLock lock, ObjectTable table, FilePool pool, SpillDirectory spill,
        int process) {
        this.control = control;
        this.lock = lock;
        this.table = table;
        this.pool = pool;
        this.spill = spill;
        this.process = process;
    }

    /**
     * Takes over the process entry of a dead process for {@code pid}, when every entry is taken. The caller
     * must then {@link #cleanupLocked(int) clean up} what the entry's previous owner left, under the host lock.
     *
     * @throws IllegalStateException when every entry belongs to a live process
     */
    static int adoptDeadEntry(ControlFile control, long pid, long start) {
        for (int p = 0; p < control.maxProcesses(); p++) {
            long other = control.processPid(p);
            if (other != 0 && !ProcessLiveness.isAlive(other, control.processStart(p))
                && control.casProcessPid(p, other, pid)) {
                control.processStart(p, start);
                return p;
            }
        }
        throw new IllegalStateException("object store has " + control.maxProcesses()
            + " live processes attached already (maxProcesses)");
    }

    /** Takes the host lock and {@link #sweepLocked() sweeps}; returns the number of dead processes cleaned up. */
    int sweep() {
        lock.lock();
        try {
            return sweepLocked();
        } finally {
            lock.unlock();
        }
    }

    /** True when the process driving {@code slot} through a transient state is dead: it will never finish. */
    static boolean ownerDied(ControlFile control, int slot) {
        int owner = control.owner(slot);
        return owner >= 0 && !ProcessLiveness.isAlive(control.processPid(owner), control.processStart(owner));
    }

    /** Under the host lock: cleans up and releases the entry of every dead process; returns how many. */
    int sweepLocked() {
        int swept = 0;
        for (int p = 0, high = control.processHighWater(); p < high; p++) {
            long other = control.processPid(p);
            if (p != process && other != 0 && !ProcessLiveness.isAlive(other, control.processStart(p))) {
                cleanupLocked(p);
                control.releaseProcess(p);
                swept++;
            }
        }
        return swept;
    }

    /** Under the host lock: drops every pin of entry {@code p} and undoes its unfinished creates, spills, restores. */
    void cleanupLocked(int p) {
        cleanupLocked(p, null);
    }

    /**
     * As {@link #cleanupLocked(int)}, but leaves {@code keep.get(slot)} pins in place (the live GC-tied views of
     * this process, when it detaches); null keeps none.
     */
    void cleanupLocked(int p, Int2IntHashMap keep) {
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            int state = control.state(slot);
            if (state == FREE) {
                continue;
            }
            int kept = keep == null ? 0 : keep.get(slot);
            boolean hadPins = control.pins(slot, p) != kept;
            if (hadPins) {
                control.setPins(slot, p, kept);
            }
            if (control.owner(slot) == p && (state == CREATING || state == SPILLING || state == RESTORING)) {
                undoTransitionLocked(slot, state);
            } else if (hadPins && state == DELETE_PENDING && !control.isPinned(slot)) {
                table.reclaimLocked(slot);
            }
        }
    }

    /** Returns a slot its owner left mid-way to where it came from: nothing, in memory, or spilled. */
    private void undoTransitionLocked(int slot, int state) {
        long size = control.size(slot);
        switch (state) {
            case CREATING -> table.reclaimLocked(slot);
            case SPILLING -> {
                Path spillFile = spill.path(control.idHigh(slot), control.idLow(slot));
                SpillDirectory.delete(spillFile.resolveSibling(spillFile.getFileName() + ".part"));
                if ((control.flags(slot) & FLAG_SPILL_COPY) == 0) {
                    control.addSpillUsedBytes(-size);
                }
                control.addEvictingBytes(-size);
                control.owner(slot, -1);
                control.state(slot, SEALED);
            }
            default -> {
                pool.releaseFileLocked(slot);
                control.addUsedBytes(-size);
                control.owner(slot, -1);
                control.state(slot, SPILLED);
            }
        }
    }

    /**
     * Under the host lock, just taken over from a dead holder that may have died inside a critical section:
     * sweeps, completes the deletes it may have left half-done, recomputes every counter from the object table
     * and rebuilds the pool. Trusts no counter.
     */
    void repairLocked() {
        sweepLocked();
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            if (control.state(slot) == DELETE_PENDING && !control.isPinned(slot)) {
                table.reclaimLocked(slot);
            }
        }
        long used = 0;
        long evicting = 0;
        long spilled = 0;
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            int state = control.state(slot);
            if (state <= TOMBSTONE) {
                continue;
            }
            long size = control.size(slot);
            boolean hasCopy = (control.flags(slot) & FLAG_SPILL_COPY) != 0;
            if (state != SPILLED) {
                used += size;
            }
            if (state == SPILLING) {
                evicting += size;
            }
            if (hasCopy || state == SPILLING) {
                spilled += size;
            }
        }
        control.usedBytes(used);
        control.evictingBytes(evicting);
        control.spillUsedBytes(spilled);
        pool.rebuildLocked();
    }

    /**
     * Runs {@code task} (which sweeps) every {@code period} on a daemon thread; a zero period runs nothing. Called
     * once, after the store is open.
     */
    void startPeriodic(Duration period, Runnable task) {
        long millis = period.toMillis();
        if (millis <= 0) {
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "rayo-store-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
        periodic = executor;
    }

    /** Stops the periodic sweep and waits for a running one: it reads the control file, about to be unmapped. */
    void stopPeriodic() {
        if (periodic == null) {
            return;
        }
        periodic.shutdownNow();
        try {
            periodic.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
