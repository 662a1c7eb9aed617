package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static dev.rayo.store.StoreTestSupport.id;
import static dev.rayo.store.StoreTestSupport.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Warm spares: after a large create, a pre-allocated, pre-mapped file of its size waits in the pool; the next
 * create of about that size recycles it, reads back exactly, keeps the accounting right, and never shares it.
 */
class WarmSparesTest {
    private static final int MB = 1 << 20;
    private static final int SIZE = 2 * MB;

    private StoreTestSupport dirs;
    private SharedObjectStore store;

    @BeforeEach
    void setUp() {
        dirs = new StoreTestSupport();
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
        dirs.close();
    }

    private SharedObjectStore open(long capacity) {
        store = ObjectStores.open(dirs.config(capacity).poolCapacityBytes(capacity).warmSpareMinBytes(MB).build());
        return store;
    }

    /** Waits for the spare thread to settle, then returns the inode of the only pooled file (the spare). */
    private Object awaitSpare(long size) throws Exception {
        await(() -> store.stats().pooledFiles() == 1, "a spare file in the pool");
        store.awaitWarmSpares();
        assertEquals(size, store.stats().pooledBytes(), "pooled bytes of the spare");
        try (Stream<Path> files = Files.list(dirs.poolDir())) {
            Path[] all = files.toArray(Path[]::new);
            assertEquals(1, all.length, "pool files");
            assertEquals(size, Files.size(all[0]), "length of the spare file");
            return StoreTestSupport.inode(all[0]);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void assertReads(SharedObjectStore from, String id, long seed, long size) {
        try (ReadableObject r = from.get(id).orElseThrow()) {
            assertEquals(size, r.buffer().capacity(), "size of " + id);
            assertTrue(matches(r.buffer(), seed, size), "content of " + id);
        }
    }

    @Test
    void aLargeCreateLeavesASpareThatTheNextCreateOfThatSizeRecyclesAndReadsBackExactly() throws Exception {
        open(32 * MB);
        StoreTestSupport.put(store, id(1), SIZE, 1);
        Object spare = awaitSpare(SIZE);
        assertEquals(SIZE, store.usedBytes(), "a spare is pooled, not used");

        StoreTestSupport.put(store, id(2), SIZE, 2);
        assertEquals(spare, StoreTestSupport.inode(dirs.objectsDir().resolve(id(2))), "the create did not take the spare");
        assertEquals(2L * SIZE, store.usedBytes());
        assertReads(store, id(1), 1, SIZE);
        assertReads(store, id(2), 2, SIZE);
        // Another process reads the same bytes from the file.
        try (SharedObjectStore other = ObjectStores.open(dirs.config(32 * MB).warmSpareMinBytes(0).build())) {
            assertReads(other, id(2), 2, SIZE);
        }
        // And the next spare follows.
        Object next = awaitSpare(SIZE);
        assertNotEquals(spare, next);
    }

    @Test
    void aSmallerObjectShrinksTheSpareAndALargerOneGetsAFileOfItsOwn() throws Exception {
        open(32 * MB);
        StoreTestSupport.put(store, id(1), SIZE, 1);
        Object spare = awaitSpare(SIZE);

        int smaller = SIZE - MB / 2 + 123;
        StoreTestSupport.put(store, id(2), smaller, 2);
        Path second = dirs.objectsDir().resolve(id(2));
        assertEquals(spare, StoreTestSupport.inode(second), "the smaller create did not take the spare");
        assertEquals(smaller, Files.size(second), "the recycled file keeps only the object's bytes");
        assertReads(store, id(2), 2, smaller);
        store.awaitWarmSpares();
        assertEquals((long)SIZE + smaller, store.usedBytes());

        int larger = SIZE + MB;
        StoreTestSupport.put(store, id(3), larger, 3);
        Path third = dirs.objectsDir().resolve(id(3));
        assertNotEquals(spare, StoreTestSupport.inode(third));
        assertEquals(larger, Files.size(third));
        assertReads(store, id(3), 3, larger);
        assertReads(store, id(2), 2, smaller);
        assertReads(store, id(1), 1, SIZE);
        store.awaitWarmSpares();
        assertEquals((long)SIZE + smaller + larger, store.usedBytes());
        assertTrue(store.usedBytes() + store.stats().pooledBytes() <= 32 * MB);
    }

    @Test
    void aSpareNeedsRoomAndIsReleasedBeforeAnyObjectSpills() throws Exception {
        open(6 * MB);
        StoreTestSupport.put(store, id(1), SIZE, 1);
        awaitSpare(SIZE);
        assertEquals(SIZE, store.usedBytes());

        // 3 MiB: the spare is too small for it and leaves only 2 MiB free, so it goes; nothing spills.
        StoreTestSupport.put(store, id(2), 3 * MB, 2);
        store.awaitWarmSpares();
        StoreStats stats = store.stats();
        assertEquals(0, stats.evictions(), "an object was spilled while a spare could be released");
        assertEquals(0, stats.objectsSpilled());
        assertEquals(5L * MB, store.usedBytes());
        // No room for a 3 MiB spare (5 + 3 > 6): none is made, and the accounting stays within the capacity.
        assertEquals(0, stats.pooledBytes());
        assertEquals(0, stats.pooledFiles());
        assertEquals(0, StoreTestSupport.countFiles(dirs.poolDir()));
        assertReads(store, id(1), 1, SIZE);
        assertReads(store, id(2), 2, 3 * MB);
    }

    @Test
    void concurrentCreatesNeverShareAFile() throws Exception {
        open(64 * MB);
        StoreTestSupport.put(store, id(100), SIZE, 100);
        Object spare = awaitSpare(SIZE);

        int threads = 4;
        int perThread = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        int n = thread * perThread + i;
                        StoreTestSupport.put(store, id(n), SIZE, n);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Set<Object> inodes = new HashSet<>();
        for (int n = 0; n < threads * perThread; n++) {
            assertReads(store, id(n), n, SIZE);
            assertTrue(inodes.add(StoreTestSupport.inode(dirs.objectsDir().resolve(id(n)))), "two objects share a file");
        }
        assertTrue(inodes.contains(spare), "no create took the spare");
        store.awaitWarmSpares();
        assertEquals((threads * perThread + 1L) * SIZE, store.usedBytes());
        assertEquals(SIZE * (long)StoreTestSupport.countFiles(dirs.poolDir()), store.stats().pooledBytes());
    }

    @Test
    void aCreateArrivingWhileItsSpareIsUnderWayTakesThatSpareInsteadOfAllocatingAlongsideIt() throws Exception {
        open(256 * MB);
        int large = 64 * MB;
        // Extent 1: the first object's file. Its create asks for a spare, which gets extent 2.
        WritableObject first = store.create(id(1), large, 7);
        // At once, long before 64 MiB are allocated: this create waits for that spare and takes it, so the next
        // spare gets extent 3. Allocating a file of its own instead would have taken extent 3 and left spare 2.
        WritableObject second = store.create(id(2), large, 7);
        StoreTestSupport.fill(first.buffer(), 1);
        StoreTestSupport.fill(second.buffer(), 2);
        first.seal();
        second.seal();
        store.awaitWarmSpares();
        try (Stream<Path> files = Files.list(dirs.poolDir())) {
            assertEquals(List.of(String.format("%016x", 3)),
                files.map(f -> f.getFileName().toString()).toList(), "pooled files");
        }
        assertReads(store, id(1), 1, large);
        assertReads(store, id(2), 2, large);
        assertEquals(2L * large, store.usedBytes());
        assertEquals(large, store.stats().pooledBytes());
    }

    @Test
    void aFullPoolTableTakesANewlyFreedFileInPlaceOfItsOldestAndKeepsMakingSpares() throws Exception {
        open(64 * MB);
        int small = 64 << 10;
        int entries = ControlFile.POOL_ENTRIES;
        for (int n = 0; n < entries; n++) {
            StoreTestSupport.put(store, id(1000 + n), small, n);
        }
        for (int n = 0; n < entries; n++) {
            assertTrue(store.delete(id(1000 + n)));
        }
        assertEquals(entries, store.stats().pooledFiles(), "the pool table is full of small files");
        assertEquals((long)entries * small, store.stats().pooledBytes());

        // A large object freed now is pooled in place of the oldest small file, so it can be recycled.
        StoreTestSupport.put(store, id(1), SIZE, 1);
        store.awaitWarmSpares();
        assertTrue(store.delete(id(1)));
        assertEquals(entries, store.stats().pooledFiles());
        assertEquals((long)(entries - 1) * small + SIZE, store.stats().pooledBytes(), "the large file was not pooled");
        assertEquals(entries, StoreTestSupport.countFiles(dirs.poolDir()));
        // The next create of that size recycles it; the entry it frees takes the next spare.
        StoreTestSupport.put(store, id(2), SIZE, 2);
        assertReads(store, id(2), 2, SIZE);
        store.awaitWarmSpares();
        assertEquals(SIZE, store.usedBytes());
        assertEquals(entries, store.stats().pooledFiles());
        assertEquals((long)(entries - 1) * small + SIZE, store.stats().pooledBytes());

        // A small file freed into the full table does not push the large one out.
        StoreTestSupport.put(store, id(3), small, 3);
        assertTrue(store.delete(id(3)));
        assertTrue(store.delete(id(2)));
        store.awaitWarmSpares();
        assertEquals(entries, store.stats().pooledFiles());
        assertTrue(store.stats().pooledBytes() >= (long)(entries - 2) * small + 2L * SIZE,
            "a large pooled file was dropped for a small one: " + store.stats().pooledBytes());
    }

    @Test
    void closingStopsTheSpareThreadAndTheLastProcessOutLeavesNoFile() throws Exception {
        open(32 * MB);
        StoreTestSupport.put(store, id(1), SIZE, 1);
        awaitSpare(SIZE);
        assertTrue(spareThreadAlive(), "no spare thread");
        StoreTestSupport.put(store, id(2), SIZE, 2); // takes the spare; another is asked for at once
        store.delete(id(1));
        store.delete(id(2));
        store.close();
        store = null;
        assertFalse(spareThreadAlive(), "the spare thread outlived its store");
        assertFalse(Files.exists(dirs.directory), "the store directory was left behind");
    }

    @Test
    void zeroDisablesSparesAndSmallObjectsGetNone() throws Exception {
        store = ObjectStores.open(dirs.config(32 * MB).poolCapacityBytes(32 * MB).warmSpareMinBytes(0).build());
        StoreTestSupport.put(store, id(1), SIZE, 1);
        store.awaitWarmSpares();
        assertEquals(0, store.stats().pooledFiles());
        store.close();
        store = ObjectStores.open(dirs.config(32 * MB).poolCapacityBytes(32 * MB).warmSpareMinBytes(4 * MB).build());
        StoreTestSupport.put(store, id(2), SIZE, 2);
        store.awaitWarmSpares();
        assertEquals(0, store.stats().pooledFiles());
        StoreTestSupport.put(store, id(3), 4 * MB, 3);
        awaitSpare(4 * MB);
    }

    private static boolean spareThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("rayo-store-warm-spares") && t.isAlive());
    }
}
