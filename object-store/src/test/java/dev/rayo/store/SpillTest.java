package dev.rayo.store;

import dev.rayo.api.exception.ObjectStoreFullException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.rayo.store.StoreTestSupport.id;
import static dev.rayo.store.StoreTestSupport.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Eviction to disk under memory pressure, and what happens when even that can't help. */
class SpillTest {
    private static final int CAPACITY = 4 << 20;
    private static final int OBJECT = 256 << 10;

    private StoreTestSupport dirs;
    private SharedObjectStore store;

    @BeforeEach
    void open() {
        dirs = new StoreTestSupport();
        store = dirs.open(CAPACITY);
    }

    @AfterEach
    void close() {
        store.close();
        dirs.close();
    }

    @Test
    void tenTimesTheCapacitySpillsAndReadsBackIdentical() {
        int count = 10 * CAPACITY / OBJECT;
        for (int i = 0; i < count; i++) {
            StoreTestSupport.put(store, id(i), OBJECT + i, i);
            assertTrue(store.usedBytes() <= CAPACITY, "over capacity: " + store.usedBytes());
        }
        StoreStats stats = store.stats();
        assertTrue(stats.objectsSpilled() >= count - CAPACITY / OBJECT, stats.toString());
        assertTrue(stats.evictions() > 0);
        for (int i = 0; i < count; i++) {
            assertTrue(store.contains(id(i)), "lost " + i);
            try (ReadableObject r = store.get(id(i)).orElseThrow()) {
                assertTrue(matches(r.buffer(), i, OBJECT + i), "object " + i + " differs after spill/restore");
            }
            assertTrue(store.usedBytes() <= CAPACITY);
        }
        assertTrue(store.stats().restores() > 0);
        for (int i = 0; i < count; i++) {
            assertTrue(store.delete(id(i)));
        }
        assertEquals(0, store.usedBytes());
        assertEquals(0, store.stats().spilledBytes());
        assertEquals(0, dirs.objectFileCount());
        assertEquals(0, dirs.spillFileCount(), "spill files left after delete");
    }

    @Test
    void liveIdsToFourTimesTheCapacityAllReadBackInRandomOrder() {
        int count = 4 * CAPACITY / OBJECT;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StoreTestSupport.put(store, id(i), OBJECT, i * 31L);
            order.add(i);
        }
        for (int round = 0; round < 2; round++) {
            Collections.shuffle(order, new Random(round));
            for (int i : order) {
                try (ReadableObject r = store.get(id(i)).orElseThrow()) {
                    assertTrue(matches(r.buffer(), i * 31L, OBJECT), "object " + i + " round " + round);
                    assertEquals(7, r.typeTag(), "type tag survives spilling");
                }
            }
        }
        assertTrue(store.usedBytes() <= CAPACITY);
    }

    @Test
    void leastRecentlyUsedIsSpilledFirst() {
        int fit = CAPACITY / OBJECT;
        for (int i = 0; i < fit; i++) {
            StoreTestSupport.put(store, id(i), OBJECT, i);
        }
        store.get(id(0)).orElseThrow().close(); // 0 becomes the most recently used
        StoreTestSupport.put(store, id(fit), OBJECT, fit);
        StoreStats stats = store.stats();
        assertEquals(1, stats.objectsSpilled());
        assertTrue(store.spillDirectory().resolve(id(1)).toFile().exists(), "oldest unused object should spill");
        assertFalse(store.spillDirectory().resolve(id(0)).toFile().exists());
    }

    @Test
    void fullWhenPinnedObjectsAloneFillTheStoreAndNothingIsLeftBehind() {
        int fit = CAPACITY / OBJECT;
        List<ReadableObject> pins = new ArrayList<>();
        for (int i = 0; i < fit; i++) {
            StoreTestSupport.put(store, id(i), OBJECT, i);
            pins.add(store.get(id(i)).orElseThrow());
        }
        long used = store.usedBytes();
        long files = dirs.objectFileCount();
        String extra = id(999);
        assertThrows(ObjectStoreFullException.class, () -> store.create(extra, OBJECT, 0));
        assertThrows(ObjectStoreFullException.class, () -> store.create(extra, CAPACITY + 1, 0), "larger than capacity");
        assertEquals(used, store.usedBytes(), "failed create changed the accounting");
        assertEquals(files, dirs.objectFileCount(), "failed create left a file");
        assertEquals(0, dirs.spillFileCount(), "pinned objects were spilled");
        assertFalse(store.contains(extra));
        assertEquals(fit, store.stats().objectsInMemory());

        pins.remove(0).close();
        StoreTestSupport.put(store, extra, OBJECT, 999); // one unpinned object can now be spilled
        for (ReadableObject pin : pins) {
            pin.close();
        }
        try (ReadableObject r = store.get(id(0)).orElseThrow()) {
            assertTrue(matches(r.buffer(), 0, OBJECT));
        }
    }

    @Test
    void fullWhenTheSpillDirectoryIsFull() {
        store.close();
        StoreTestSupport.deleteTree(dirs.directory);
        store = ObjectStores.open(dirs.config(CAPACITY).spillCapacityBytes(2L * OBJECT).build());
        int fit = CAPACITY / OBJECT;
        for (int i = 0; i < fit + 2; i++) {
            StoreTestSupport.put(store, id(i), OBJECT, i);
        }
        long used = store.usedBytes();
        assertThrows(ObjectStoreFullException.class, () -> store.create(id(500), OBJECT, 0));
        assertEquals(used, store.usedBytes());
        assertEquals(2, dirs.spillFileCount());
        assertFalse(store.contains(id(500)));
        // Memory and disk are both full: freeing memory lets the spilled objects come back.
        assertTrue(store.delete(id(fit)));
        assertTrue(store.delete(id(fit + 1)));
        for (int i = 0; i < fit; i++) {
            try (ReadableObject r = store.get(id(i)).orElseThrow()) {
                assertTrue(matches(r.buffer(), i, OBJECT));
            }
        }
    }
}
