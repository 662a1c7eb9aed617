package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.rayo.store.StoreTestSupport.id;
import static dev.rayo.store.StoreTestSupport.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool of freed memory files: reuse, eviction before spilling, crashes, and never under a live view. */
class PoolTest {
    private static final int CAPACITY = 4 << 20;
    private static final int MB = 1 << 20;

    private StoreTestSupport dirs;
    private SharedObjectStore store;

    @BeforeEach
    void open() {
        dirs = new StoreTestSupport();
        store = ObjectStores.open(dirs.config(CAPACITY).poolCapacityBytes(CAPACITY).build());
    }

    @AfterEach
    void close() {
        store.close();
        dirs.close();
    }

    /** The inode of the only file in the pool. */
    private Object pooledInode() {
        try (Stream<Path> files = Files.list(dirs.poolDir())) {
            Path[] all = files.toArray(Path[]::new);
            assertEquals(1, all.length, "pool files");
            return StoreTestSupport.inode(all[0]);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void assertReads(SharedObjectStore from, String id, long seed, long size) {
        try (ReadableObject r = from.get(id).orElseThrow()) {
            assertTrue(matches(r.buffer(), seed, size), "content of " + id);
            assertEquals(size, r.buffer().capacity());
        }
    }

    @Test
    void freedFileIsRecycledForTheSameOrASmallerSizeButNotALargerOne() throws Exception {
        StoreTestSupport.put(store, id(1), MB, 1);
        Object first = StoreTestSupport.inode(dirs.objectsDir().resolve(id(1)));
        assertTrue(store.delete(id(1)));
        assertEquals(0, store.usedBytes());
        assertEquals(MB, store.stats().pooledBytes());
        assertEquals(1, store.stats().pooledFiles());
        assertEquals(0, dirs.objectFileCount());

        // Same size: same file, same (cached) mapping; the bytes are the new object's.
        StoreTestSupport.put(store, id(2), MB, 2);
        assertEquals(first, StoreTestSupport.inode(dirs.objectsDir().resolve(id(2))), "same-size create did not recycle");
        assertEquals(0, store.stats().pooledBytes());
        assertEquals(MB, store.usedBytes());
        assertReads(store, id(2), 2, MB);
        assertTrue(store.delete(id(2)));

        // Smaller (at least half): same file, shrunk to the object, accounted at the object's size.
        int smaller = 700_000;
        StoreTestSupport.put(store, id(3), smaller, 3);
        Path third = dirs.objectsDir().resolve(id(3));
        assertEquals(first, StoreTestSupport.inode(third), "smaller create did not recycle");
        assertEquals(smaller, Files.size(third));
        assertEquals(smaller, store.usedBytes());
        assertEquals(0, store.stats().pooledBytes());
        assertReads(store, id(3), 3, smaller);
        assertTrue(store.delete(id(3)));
        assertEquals(smaller, store.stats().pooledBytes());

        // Larger: a new file; the pooled one stays.
        StoreTestSupport.put(store, id(4), MB, 4);
        assertNotEquals(first, StoreTestSupport.inode(dirs.objectsDir().resolve(id(4))));
        assertEquals(first, pooledInode());
        assertEquals(smaller, store.stats().pooledBytes());
        assertReads(store, id(4), 4, MB);

        // Far smaller (under half): not worth a file of that length; a new one.
        StoreTestSupport.put(store, id(5), 200_000, 5);
        assertNotEquals(first, StoreTestSupport.inode(dirs.objectsDir().resolve(id(5))));
        assertEquals(1, store.stats().pooledFiles());
    }

    @Test
    void anotherInstanceRecyclesThePoolAndItsCachedMappingSeesTheNewObject() {
        try (SharedObjectStore other = ObjectStores.open(dirs.config(CAPACITY).build())) {
            StoreTestSupport.put(store, id(1), MB, 1);
            assertReads(other, id(1), 1, MB); // 'other' now caches a mapping of that file
            assertTrue(store.delete(id(1)));
            // 'other' recycles a file it maps already, 'store' reads the new object through its own old mapping.
            StoreTestSupport.put(other, id(2), MB, 2);
            assertEquals(0, other.stats().pooledFiles());
            assertReads(store, id(2), 2, MB);
            assertReads(other, id(2), 2, MB);
            assertTrue(other.delete(id(2)));
            // And back, shrinking the file under both cached mappings.
            StoreTestSupport.put(store, id(3), 600_000, 3);
            assertReads(other, id(3), 3, 600_000);
            assertReads(store, id(3), 3, 600_000);
        }
    }

    @Test
    void pooledFilesAreReleasedOldestFirstBeforeAnyObjectIsSpilled() {
        StoreTestSupport.put(store, id(1), MB, 1);
        StoreTestSupport.put(store, id(2), MB, 2);
        StoreTestSupport.put(store, id(3), MB, 3);
        StoreTestSupport.put(store, id(4), MB, 4);
        Object youngest = StoreTestSupport.inode(dirs.objectsDir().resolve(id(4)));
        assertTrue(store.delete(id(3)));
        assertTrue(store.delete(id(4)));
        assertEquals(2 * MB, store.usedBytes());
        assertEquals(2 * MB, store.stats().pooledBytes());

        // 400 KB: too small to recycle a 1 MB file, and no free byte: the oldest pooled file goes, nothing spills.
        StoreTestSupport.put(store, id(5), 400 << 10, 5);
        StoreStats stats = store.stats();
        assertEquals(1, stats.pooledFiles());
        assertEquals(MB, stats.pooledBytes());
        assertEquals(youngest, pooledInode(), "the younger pooled file should stay");
        assertEquals(0, stats.evictions());
        assertEquals(0, stats.objectsSpilled());
        assertEquals(0, dirs.spillFileCount());

        // 2 MB: larger than any pooled file; the rest of the pool goes, and only then an object spills.
        StoreTestSupport.put(store, id(6), 2 * MB, 6);
        stats = store.stats();
        assertEquals(0, stats.pooledBytes());
        assertEquals(1, stats.evictions());
        assertTrue(store.usedBytes() + stats.pooledBytes() <= CAPACITY);
        assertTrue(Files.exists(store.spillDirectory().resolve(id(1))), "least recently used object spills");
        for (int i : new int[] {1, 2, 5, 6}) {
            assertReads(store, id(i), i, i == 5 ? 400 << 10 : i == 6 ? 2 * MB : MB);
        }
    }

    @Test
    void aLiveViewOrReaderOfTheOldObjectKeepsItsFileOutOfThePool() throws Exception {
        try (SharedObjectStore big = ObjectStores.open(dirs.config(CAPACITY).build())) {
            StoreTestSupport.put(store, id(1), MB, 1);
            Object viewed = StoreTestSupport.inode(dirs.objectsDir().resolve(id(1)));
            ByteBuffer[] view = {viewOf(id(1))};
            assertTrue(store.delete(id(1)));
            // A reader in another instance pins a second object through its delete.
            StoreTestSupport.put(store, id(2), MB, 2);
            Object read = StoreTestSupport.inode(dirs.objectsDir().resolve(id(2)));
            ReadableObject reader = big.get(id(2)).orElseThrow();
            assertTrue(store.delete(id(2)));
            assertEquals(0, store.stats().pooledFiles(), "a pinned object's file was pooled");

            // New objects of the same size get new files and leave the old bytes alone.
            StoreTestSupport.put(store, id(3), MB, 3);
            StoreTestSupport.put(store, id(4), MB, 4);
            Object third = StoreTestSupport.inode(dirs.objectsDir().resolve(id(3)));
            Object fourth = StoreTestSupport.inode(dirs.objectsDir().resolve(id(4)));
            for (Object fresh : new Object[] {third, fourth}) {
                assertNotEquals(viewed, fresh);
                assertNotEquals(read, fresh);
            }
            assertTrue(matches(view[0], 1, MB), "view content changed");
            assertTrue(matches(reader.buffer(), 2, MB), "reader content changed");

            // The reader closes: its object's file may be recycled now, and is.
            reader.close();
            assertEquals(read, pooledInode());
            StoreTestSupport.put(store, id(5), MB, 5);
            assertEquals(read, StoreTestSupport.inode(dirs.objectsDir().resolve(id(5))));
            assertTrue(matches(view[0], 1, MB), "view content changed by a recycle");

            // The view is collected: only then its file joins the pool.
            view[0] = null;
            RetainedViewTest.awaitGc(() -> store.stats().pooledFiles() == 1, "pooling after the view died");
            assertEquals(viewed, pooledInode());
            StoreTestSupport.put(store, id(6), MB, 6);
            assertEquals(viewed, StoreTestSupport.inode(dirs.objectsDir().resolve(id(6))));
            assertReads(big, id(6), 6, MB);
        }
    }

    private ByteBuffer viewOf(String id) {
        try (ReadableObject r = store.get(id).orElseThrow()) {
            return r.retainedView();
        }
    }

    @Test
    void aFileInThePoolOfAKilledProcessIsStillAccountedAndReused() throws Exception {
        Process child = ChildProcesses.start("pool", dirs.directory.toString(), id(1), String.valueOf(MB));
        try {
            assertEquals("POOLED 1", ChildProcesses.awaitLine(child, "POOLED"));
            child.destroyForcibly(); // SIGKILL while its freed file sits in the pool
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(1, store.sweepDeadProcesses());
        assertEquals(0, store.usedBytes());
        assertEquals(MB, store.stats().pooledBytes());
        Object pooled = pooledInode();
        StoreTestSupport.put(store, id(2), MB, 2);
        assertEquals(pooled, StoreTestSupport.inode(dirs.objectsDir().resolve(id(2))));
        assertReads(store, id(2), 2, MB);
        assertTrue(store.delete(id(2)));
        // Last out: pooled files are no objects, everything goes.
        store.close();
        assertFalse(Files.exists(dirs.directory), "store directory left behind with a pooled file");
        store = dirs.open(CAPACITY);
    }

    @Test
    void aWriterKilledWhileFillingARecycledFileGivesItBackToThePool() throws Exception {
        StoreTestSupport.put(store, id(1), MB, 1);
        assertTrue(store.delete(id(1)));
        Object pooled = pooledInode();
        Process child = ChildProcesses.start("crash-create", dirs.directory.toString(), id(2), String.valueOf(MB / 2 + 1));
        try {
            ChildProcesses.awaitLine(child, "CREATED");
            assertEquals(MB / 2 + 1, store.usedBytes());
            assertEquals(0, store.stats().pooledBytes(), "the child did not recycle the pooled file");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(1, store.sweepDeadProcesses());
        assertEquals(0, store.usedBytes(), "capacity not whole again");
        assertFalse(store.contains(id(2)));
        assertEquals(0, dirs.objectFileCount());
        assertEquals(MB / 2 + 1, store.stats().pooledBytes(), "the shrunk file should be back in the pool");
        assertEquals(pooled, pooledInode());
        StoreTestSupport.put(store, id(2), MB / 2 + 1, 2);
        assertReads(store, id(2), 2, MB / 2 + 1);
    }

    @Test
    void aLockHolderDyingMidPoolChangeIsRepaired() throws Exception {
        StoreTestSupport.put(store, id(1), MB, 1);
        assertTrue(store.delete(id(1)));
        // What a holder killed between renaming a file into the pool and recording it leaves: an unlisted file.
        Path orphan = dirs.poolDir().resolve(String.format("%016x", 0xFFFFFL));
        Files.write(orphan, new byte[300 << 10]);
        Process dead = new ProcessBuilder("true").start();
        assertTrue(dead.waitFor(30, TimeUnit.SECONDS));
        try (ControlFile control = ControlFile.openOrCreate(dirs.directory.resolve("control"), dirs.config(CAPACITY).build())) {
            int entry = control.registerProcess(dead.pid(), 1);
            control.pooledBytes(12345); // a counter it was changing
            assertTrue(control.casLock(0, entry + 1L));
        }
        // The next operation takes the lock over, sweeps, recounts and rebuilds the pool.
        StoreTestSupport.put(store, id(2), 100, 2);
        assertFalse(Files.exists(orphan), "unlisted pool file left behind");
        StoreStats stats = store.stats();
        assertEquals(MB, stats.pooledBytes());
        assertEquals(1, stats.pooledFiles());
        assertEquals(100, store.usedBytes());
        StoreTestSupport.put(store, id(3), MB, 3);
        assertEquals(0, store.stats().pooledFiles(), "the listed pooled file should still be recycled");
        assertReads(store, id(3), 3, MB);
    }

    @Test
    void zeroPoolCapacityDisablesPooling() {
        store.close();
        StoreTestSupport.deleteTree(dirs.directory);
        store = ObjectStores.open(dirs.config(CAPACITY).poolCapacityBytes(0).build());
        StoreTestSupport.put(store, id(1), MB, 1);
        assertTrue(store.delete(id(1)));
        assertEquals(0, store.stats().pooledFiles());
        assertEquals(0, StoreTestSupport.countFiles(dirs.poolDir()));
        assertEquals(0, store.usedBytes());
    }
}
