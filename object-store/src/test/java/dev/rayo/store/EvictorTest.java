package dev.rayo.store;

import dev.rayo.api.exception.ObjectStoreFullException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.rayo.store.ControlFile.FLAG_SPILL_COPY;
import static dev.rayo.store.ControlFile.SEALED;
import static dev.rayo.store.ControlFile.SPILLED;
import static dev.rayo.store.ControlFile.SPILLING;
import static dev.rayo.store.PolicyFixture.MB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Evictor} alone: victims in least recently used order, spilling, restoring, and when it gives up. */
class EvictorTest {
    private static final int CAPACITY = 4 * MB;

    @TempDir
    Path dir;
    private PolicyFixture fx;
    private Evictor evictor;
    private final AtomicInteger sweeps = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        fx = new PolicyFixture(dir, CAPACITY, 0);
        evictor = new Evictor(fx.control, fx.lock, fx.files, fx.spill, fx.cache, fx.pool, fx.table,
            sweeps::incrementAndGet, fx.process, TimeUnit.MILLISECONDS.toNanos(100));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Fills the capacity with four sealed 1 MB objects, created in order; returns their slots. */
    private int[] fill() throws Exception {
        int[] slots = new int[4];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = fx.object(i, MB, SEALED, -1);
        }
        return slots;
    }

    @Test
    void victimsAreTheLeastRecentlyUsedUnpinnedObjectsAndSpillToDisk() throws Exception {
        int[] slots = fill();
        // Used from the highest slot down, so that the table's order is not the order of use.
        int[] leastRecentFirst = IntStream.of(slots).boxed().sorted(Comparator.reverseOrder()).mapToInt(i -> i)
            .toArray();
        for (int slot : leastRecentFirst) {
            fx.control.lastAccess(slot, fx.control.tick());
        }
        fx.control.addPin(leastRecentFirst[0], fx.process, 1); // pinned: never a victim
        int victim = leastRecentFirst[1];
        long n = IntStream.range(0, slots.length).filter(i -> slots[i] == victim).findFirst().orElseThrow();

        assertEquals(Evictor.EVICT, evictor.makeRoomLocked(MB));
        int[] victims = evictor.victimsLocked();
        assertArrayEquals(new int[] {victim}, victims, "not the least recently used unpinned object");
        assertEquals(SPILLING, fx.control.state(victim));
        assertEquals(MB, fx.control.evictingBytes());
        assertEquals(Evictor.WAIT, evictor.makeRoomLocked(MB), "a second caller should wait for that spill");

        Path memoryFile = fx.file(victim);
        evictor.spill(victims);
        assertEquals(SPILLED, fx.control.state(victim));
        assertArrayEquals(PolicyFixture.content(n, MB), Files.readAllBytes(fx.spillFile(victim)));
        assertFalse(Files.exists(memoryFile), "the memory file outlived the spill");
        assertEquals(3 * MB, fx.control.usedBytes());
        assertEquals(0, fx.control.evictingBytes());
        assertEquals(MB, fx.control.spillUsedBytes());
        assertEquals(1, fx.control.evictions());

        assertEquals(Evictor.RESERVED, evictor.makeRoomLocked(MB));
        assertEquals(CAPACITY, fx.control.usedBytes());
    }

    @Test
    void aRestoredObjectHasItsBytesBackAndKeepsItsSpillCopy() throws Exception {
        int[] slots = fill();
        assertEquals(Evictor.EVICT, evictor.makeRoomLocked(MB));
        evictor.spill(evictor.victimsLocked());
        int slot = slots[0];
        assertEquals(SPILLED, fx.control.state(slot));

        evictor.restore(fx.id(slot), slot, fx.control.idHigh(slot), fx.control.idLow(slot));
        assertEquals(SEALED, fx.control.state(slot));
        assertArrayEquals(PolicyFixture.content(0, MB), Files.readAllBytes(fx.file(slot)));
        assertEquals(CAPACITY, fx.control.usedBytes());
        assertEquals(1, fx.control.restores());
        assertTrue((fx.control.flags(slot) & FLAG_SPILL_COPY) != 0, "the spill copy was forgotten");
        assertTrue(Files.exists(fx.spillFile(slot)));
    }

    @Test
    void aNewObjectTakesItsSlotAndBytesAndAnExistingIdIsRefused() throws Exception {
        Evictor.Reservation reserved = evictor.reserveNew("first", 5, 6, MB, 3);
        assertEquals(ControlFile.CREATING, fx.control.state(reserved.slot()));
        assertEquals(fx.process, fx.control.owner(reserved.slot()));
        assertEquals(-1, reserved.recycledLength(), "nothing was pooled to recycle");
        assertEquals(MB, fx.control.usedBytes());
        assertThrows(IllegalArgumentException.class, () -> evictor.reserveNew("again", 5, 6, 10, 0));
        assertEquals(MB, fx.control.usedBytes(), "a refused duplicate reserved bytes");
    }

    @Test
    void onlyPinnedObjectsLeftMeansFullAfterOneSweepAndNothingChanges() throws Exception {
        for (int slot : fill()) {
            fx.control.addPin(slot, fx.process, 1);
        }
        assertEquals(Evictor.FULL, evictor.makeRoomLocked(1));
        assertTrue(evictor.fullReason().contains("in use by pinned or unsealed objects"), evictor.fullReason());

        ObjectStoreFullException full = assertThrows(ObjectStoreFullException.class,
            () -> evictor.reserveNew("new", 9, 9, MB, 0));
        assertTrue(full.getMessage().contains("cannot fit object new"), full.getMessage());
        assertEquals(1, sweeps.get(), "should sweep for dead processes once before giving up");
        assertEquals(-1, fx.table.find(9, 9), "a refused object left a slot behind");
        assertEquals(CAPACITY, fx.control.usedBytes());
        assertEquals(0, fx.control.evictions());
    }
}
