package dev.rayo.store;

import org.agrona.collections.Int2IntHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.rayo.store.ControlFile.CREATING;
import static dev.rayo.store.ControlFile.DELETE_PENDING;
import static dev.rayo.store.ControlFile.FLAG_SPILL_COPY;
import static dev.rayo.store.ControlFile.RESTORING;
import static dev.rayo.store.ControlFile.SEALED;
import static dev.rayo.store.ControlFile.SPILLED;
import static dev.rayo.store.ControlFile.SPILLING;
import static dev.rayo.store.ControlFile.TOMBSTONE;
import static dev.rayo.store.PolicyFixture.MB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ProcessSweeper} alone: what it undoes for a dead process, what it leaves alone, and its repair. */
class ProcessSweeperTest {
    @TempDir
    Path dir;
    private PolicyFixture fx;
    private ProcessSweeper sweeper;
    private int dead;

    @BeforeEach
    void open() throws Exception {
        fx = new PolicyFixture(dir, 8 * MB, 0);
        sweeper = new ProcessSweeper(fx.control, fx.lock, fx.table, fx.pool, fx.spill, fx.process);
        dead = fx.deadProcess();
    }

    @AfterEach
    void close() {
        sweeper.stopPeriodic();
        fx.close();
    }

    /** True when {@code slot} no longer holds an object. */
    private boolean freed(int slot) {
        return fx.control.state(slot) <= TOMBSTONE;
    }

    @Test
    void aDeadProcessLosesItsPinsItsUnsealedObjectsAndItsEntryAndTheLivingKeepTheirs() throws Exception {
        int creating = fx.object(1, MB, CREATING, dead);
        Path creatingFile = fx.file(creating);
        int deleted = fx.object(2, MB, DELETE_PENDING, -1);
        fx.control.addPin(deleted, dead, 2);
        int shared = fx.object(3, MB, SEALED, -1);
        fx.control.addPin(shared, dead, 1);
        fx.control.addPin(shared, fx.process, 1);
        int ours = fx.object(4, MB, CREATING, fx.process);

        assertEquals(1, sweeper.sweep());
        assertTrue(freed(creating), "the dead process's unsealed object is still there");
        assertFalse(Files.exists(creatingFile));
        assertTrue(freed(deleted), "a delete deferred on the dead process's pins was not completed");
        assertEquals(SEALED, fx.control.state(shared));
        assertEquals(0, fx.control.pins(shared, dead));
        assertEquals(1, fx.control.pins(shared, fx.process), "a live process's pin was dropped");
        assertEquals(CREATING, fx.control.state(ours), "a live process's create was undone");
        assertEquals(2 * MB, fx.control.usedBytes());
        assertEquals(0, fx.control.processPid(dead), "the dead process's entry was not released");
        assertEquals(0, sweeper.sweep(), "swept the same process twice, or a live one");
        assertEquals(0, fx.repairs.get());
    }

    @Test
    void aSpillOrRestoreLeftHalfDoneGoesBackWhereItStarted() throws Exception {
        int spilling = fx.object(1, MB, SPILLING, dead);
        fx.control.addEvictingBytes(MB);
        fx.control.addSpillUsedBytes(MB);
        Path part = fx.spillFile(spilling).resolveSibling(fx.spillFile(spilling).getFileName() + ".part");
        Files.write(part, new byte[1000]);
        int restoring = fx.object(2, MB, RESTORING, dead);
        fx.control.flags(restoring, FLAG_SPILL_COPY);
        fx.control.addSpillUsedBytes(MB);
        Path restoringFile = fx.file(restoring);

        assertEquals(1, sweeper.sweep());
        assertEquals(SEALED, fx.control.state(spilling));
        assertEquals(-1, fx.control.owner(spilling));
        assertFalse(Files.exists(part), "partial spill copy left behind");
        assertEquals(SPILLED, fx.control.state(restoring));
        assertFalse(Files.exists(restoringFile), "half-restored memory file left behind");
        assertEquals(0, fx.control.evictingBytes());
        assertEquals(MB, fx.control.spillUsedBytes(), "only the restoring object's spill copy remains");
        assertEquals(MB, fx.control.usedBytes(), "only the spilling object is still in memory");
    }

    @Test
    void cleanupKeepsThePinsOfLiveViews() throws Exception {
        int slot = fx.object(1, MB, SEALED, -1);
        fx.control.addPin(slot, fx.process, 3);
        Int2IntHashMap keep = new Int2IntHashMap(0);
        keep.put(slot, 1);
        sweeper.cleanupLocked(fx.process, keep);
        assertEquals(1, fx.control.pins(slot, fx.process));
        sweeper.cleanupLocked(fx.process);
        assertEquals(0, fx.control.pins(slot, fx.process));
    }

    @Test
    void repairRecomputesEveryCounterFromTheTable() throws Exception {
        fx.object(1, MB, SEALED, -1);
        fx.object(2, 2 * MB, SPILLING, fx.process);
        int spilled = fx.object(3, MB / 2, SEALED, -1);
        fx.control.flags(spilled, FLAG_SPILL_COPY);
        fx.control.state(spilled, SPILLED);
        fx.control.usedBytes(999);
        fx.control.evictingBytes(999);
        fx.control.spillUsedBytes(999);
        fx.control.pooledBytes(999);

        sweeper.repairLocked();
        assertEquals(3 * MB, fx.control.usedBytes());
        assertEquals(2 * MB, fx.control.evictingBytes());
        assertEquals(2 * MB + MB / 2, fx.control.spillUsedBytes());
        assertEquals(0, fx.control.pooledBytes());
        assertEquals(0, fx.control.processPid(dead), "repair must sweep too");
    }

    @Test
    void theOwnerOfASlotIsDeadOnlyWhenItsProcessIsGone() throws Exception {
        int theirs = fx.object(1, 10, SPILLING, dead);
        int ours = fx.object(2, 10, SPILLING, fx.process);
        int nobody = fx.object(3, 10, SEALED, -1);
        assertTrue(ProcessSweeper.ownerDied(fx.control, theirs));
        assertFalse(ProcessSweeper.ownerDied(fx.control, ours));
        assertFalse(ProcessSweeper.ownerDied(fx.control, nobody));
    }

    @Test
    void aDeadProcessesEntryIsAdoptedWhenAllAreTakenButNeverALiveOne() {
        long self = ProcessHandle.current().pid();
        for (int p = 0; p < fx.control.maxProcesses(); p++) {
            if (fx.control.processPid(p) == 0) {
                fx.control.registerProcess(self, ProcessLiveness.currentStartMillis());
            }
        }
        assertEquals(dead, ProcessSweeper.adoptDeadEntry(fx.control, self, 5));
        assertEquals(self, fx.control.processPid(dead));
        assertEquals(5, fx.control.processStart(dead));
        assertThrows(IllegalStateException.class, () -> ProcessSweeper.adoptDeadEntry(fx.control, self, 5));
    }

    @Test
    void thePeriodicSweepRunsUntilStopped() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        sweeper.startPeriodic(Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            twice.countDown();
        });
        assertTrue(twice.await(10, TimeUnit.SECONDS), "the periodic sweep did not run");
        sweeper.stopPeriodic();
        int stopped = runs.get();
        Thread.sleep(50);
        assertEquals(stopped, runs.get(), "ran after being stopped");
    }
}
