package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.rayo.store.StoreTestSupport.id;
import static dev.rayo.store.StoreTestSupport.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The last process out of an empty store removes its files from /dev/shm and the spill disk. */
class CleanupTest {
    private static final int CAPACITY = 8 << 20;

    private StoreTestSupport dirs;

    @BeforeEach
    void dirs() {
        dirs = new StoreTestSupport();
    }

    @AfterEach
    void cleanup() {
        dirs.close();
    }

    private void assertRemoved() {
        assertFalse(Files.exists(dirs.directory), "store directory left behind");
        assertFalse(Files.exists(dirs.spillDirectory), "spill directory left behind");
    }

    @Test
    void lastOutOfAnEmptyStoreRemovesEverything() {
        try (SharedObjectStore store = dirs.open(CAPACITY)) {
            for (int i = 0; i < 8; i++) {
                StoreTestSupport.put(store, id(i), 2 << 20, i); // spills some
            }
            assertTrue(store.stats().objectsSpilled() > 0);
            assertTrue(dirs.spillFileCount() > 0);
            for (int i = 0; i < 8; i++) {
                assertTrue(store.delete(id(i)));
            }
        }
        assertRemoved();
    }

    @Test
    void nothingRemovedWhileAnotherInstanceIsAttached() {
        SharedObjectStore first = dirs.open(CAPACITY);
        SharedObjectStore second = dirs.open(CAPACITY);
        StoreTestSupport.put(first, id(1), 4096, 1);
        assertTrue(second.delete(id(1)));
        first.close();
        assertTrue(Files.exists(dirs.directory.resolve("control")), "removed under an attached instance");
        StoreTestSupport.put(second, id(2), 4096, 2);
        assertTrue(second.delete(id(2)));
        second.close();
        assertRemoved();
    }

    @Test
    void nothingRemovedWhileObjectsRemainInMemoryOrSpilled() {
        try (SharedObjectStore store = dirs.open(CAPACITY)) {
            for (int i = 0; i < 8; i++) {
                StoreTestSupport.put(store, id(i), 2 << 20, i);
            }
            // Keep only a spilled object.
            for (int i = 1; i < 8; i++) {
                assertTrue(store.delete(id(i)));
            }
            assertEquals(1, store.stats().objectsSpilled());
            assertEquals(0, store.stats().objectsInMemory());
        }
        assertTrue(Files.exists(dirs.directory.resolve("control")), "store removed with a spilled object in it");
        assertEquals(1, dirs.spillFileCount());
        try (SharedObjectStore store = dirs.open(CAPACITY)) {
            try (ReadableObject r = store.get(id(0)).orElseThrow()) {
                assertTrue(matches(r.buffer(), 0, 2 << 20));
            }
        }
        assertTrue(Files.exists(dirs.objectsDir().resolve(id(0))), "store removed with an object in memory");
        try (SharedObjectStore store = dirs.open(CAPACITY)) {
            assertTrue(store.delete(id(0)));
        }
        assertRemoved();
    }

    @Test
    void nothingRemovedWhileAnotherJvmIsAttached() throws Exception {
        dirs.open(CAPACITY).close();
        assertRemoved();
        SharedObjectStore store = dirs.open(CAPACITY);
        Process child = ChildProcesses.start("attach", dirs.directory.toString());
        try {
            ChildProcesses.awaitLine(child, "ATTACHED");
            store.close();
            assertTrue(Files.exists(dirs.directory.resolve("control")), "removed under another JVM");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        // The dead child does not count as attached: the next last-out process removes the store.
        dirs.open(CAPACITY).close();
        assertRemoved();
    }

    @Test
    void openersRacingLastOutClosersAlwaysGetAWorkingStore() throws Exception {
        int threads = 4;
        int rounds = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        String id = id(thread * 100_000L + i);
                        try (SharedObjectStore store = dirs.open(CAPACITY)) {
                            StoreTestSupport.put(store, id, 8192, i);
                            try (ReadableObject r = store.get(id).orElseThrow()) {
                                assertTrue(matches(r.buffer(), i, 8192));
                            }
                            assertTrue(store.delete(id));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertRemoved();
    }
}
