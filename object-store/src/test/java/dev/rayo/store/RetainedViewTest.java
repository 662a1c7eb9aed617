package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.rayo.store.StoreTestSupport.id;
import static dev.rayo.store.StoreTestSupport.matches;
import static dev.rayo.store.StoreTestSupport.mix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link ReadableObject#retainedView()}: views whose pin lasts as long as the GC can reach them. */
class RetainedViewTest {
    private static final int SIZE = 1 << 20;

    private StoreTestSupport dirs;
    private SharedObjectStore store;

    @BeforeEach
    void open() {
        dirs = new StoreTestSupport();
        store = dirs.open(64 << 20);
    }

    @AfterEach
    void close() {
        store.close();
        dirs.close();
    }

    /** Runs the GC until {@code condition} holds; fails after 20 s. */
    static void awaitGc(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not after GC: " + what);
            }
            System.gc();
            Thread.sleep(20);
        }
    }

    private ByteBuffer viewOf(String id) {
        try (ReadableObject r = store.get(id).orElseThrow()) {
            return r.retainedView();
        }
    }

    @Test
    void viewSurvivesCloseAndDeleteAndTheDeleteCompletesAfterGc() throws Exception {
        String id = id(1);
        StoreTestSupport.put(store, id, SIZE, 1);
        // Held through an array so that no local variable of this frame keeps the view reachable later.
        ByteBuffer[] holder = {viewOf(id)}; // the reader is closed already
        assertTrue(holder[0].isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> holder[0].put(0, (byte)1));
        assertTrue(store.delete(id));
        assertFalse(store.contains(id), "deleted object still visible");
        assertTrue(store.get(id).isEmpty());
        assertTrue(Files.exists(dirs.objectsDir().resolve(id)), "delete not deferred under a live view");
        assertEquals(SIZE, store.usedBytes());
        assertTrue(matches(holder[0], 1, SIZE), "view content differs");
        dropAndAwaitRelease(id, holder);
    }

    private void dropAndAwaitRelease(String id, ByteBuffer[] holder) throws InterruptedException {
        holder[0] = null;
        awaitGc(() -> store.usedBytes() == 0 && !Files.exists(dirs.objectsDir().resolve(id)),
            "deferred delete of " + id);
        assertEquals(0, dirs.objectFileCount());
    }

    @Test
    void sliceOutlivingItsViewKeepsThePin() throws Exception {
        String id = id(2);
        StoreTestSupport.put(store, id, SIZE, 2);
        Object[] derived = slices(id);
        assertTrue(store.delete(id));
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(Files.exists(dirs.objectsDir().resolve(id)), "released while a slice was reachable");
        assertEquals(SIZE, store.usedBytes());
        ByteBuffer slice = (ByteBuffer)derived[0];
        LongBuffer longs = (LongBuffer)derived[1];
        assertEquals(4096, slice.remaining());
        for (int i = 0; i < 512; i++) {
            assertEquals(mix(2 + 512 + i), slice.getLong(i * 8), "slice word " + i);
            assertEquals(mix(2 + 1024 + i), longs.get(i), "long view word " + i);
        }
        derived[0] = null;
        derived[1] = null;
        slice = null;
        longs = null;
        awaitGc(() -> store.usedBytes() == 0 && !Files.exists(dirs.objectsDir().resolve(id)),
            "release after the slices became unreachable");
    }

    /** Returns a slice and a long view; the root view itself is unreachable once this returns. */
    private Object[] slices(String id) {
        ByteBuffer view = viewOf(id);
        ByteBuffer slice = view.slice(4096, 4096);
        LongBuffer longs = view.slice(8192, SIZE - 8192).asLongBuffer();
        return new Object[] {slice, longs};
    }

    @Test
    void viewOutlivesTheStoreAndTheLastViewFinishesTheDetach() throws Exception {
        String id = id(3);
        StoreTestSupport.put(store, id, SIZE, 3);
        ByteBuffer[] holder = {viewOf(id)};
        assertTrue(store.delete(id));
        store.close();
        assertTrue(matches(holder[0], 3, SIZE), "view broken by closing the store");
        assertTrue(Files.exists(dirs.objectsDir().resolve(id)), "object reclaimed under a view of a closed store");
        holder[0] = null;
        // The deferred detach releases the pin, completes the delete and, this being the last process, removes
        // the store directory.
        awaitGc(() -> !Files.exists(dirs.directory), "store directory removed after the last view");
        assertFalse(Files.exists(dirs.spillDirectory));
    }

    @Test
    void viewOfAClosedReaderIsRefusedAndZeroSizeWorks() {
        String id = id(4);
        StoreTestSupport.put(store, id, 0, 4);
        ReadableObject r = store.get(id).orElseThrow();
        ByteBuffer empty = r.retainedView();
        assertEquals(0, empty.remaining());
        r.close();
        assertThrows(IllegalStateException.class, r::retainedView);
    }

    @Test
    void viewPinBelongsToTheViewingProcess() throws Exception {
        String id = id(5);
        StoreTestSupport.put(store, id, SIZE, 5);
        Process child = ChildProcesses.start("view", dirs.directory.toString(), id);
        try {
            assertEquals("VIEWED " + SIZE, ChildProcesses.awaitLine(child, "VIEWED"));
            assertTrue(store.delete(id));
            store.sweepDeadProcesses();
            assertTrue(Files.exists(dirs.objectsDir().resolve(id)), "deleted under another JVM's view");
            assertEquals(SIZE, store.usedBytes());
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(1, store.sweepDeadProcesses());
        assertEquals(0, store.usedBytes(), "the dead viewer's pin was not released");
        assertFalse(Files.exists(dirs.objectsDir().resolve(id)));
    }

    @Test
    void getPlusViewCostDoesNotGrowWithObjectSize() throws Exception {
        StoreTestSupport bigDirs = new StoreTestSupport();
        try (SharedObjectStore big = ObjectStores.open(bigDirs.config(3L << 30).build())) {
            long[] sizes = {100L << 20, 1L << 30};
            long[] medians = new long[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                String id = id(10 + s);
                // Sealed without writing: tmpfs keeps the file sparse, so the test costs no memory.
                try (WritableObject w = big.create(id, sizes[s], 0)) {
                    w.seal();
                }
                medians[s] = medianGetAndView(big, id, sizes[s]);
                assertTrue(big.delete(id));
            }
            System.out.printf("get+retainedView+close median: 100 MB %.1f us, 1 GB %.1f us%n",
                medians[0] / 1e3, medians[1] / 1e3);
            for (long median : medians) {
                assertTrue(median < TimeUnit.MICROSECONDS.toNanos(100), "get+retainedView took " + median + " ns");
            }
        }
        // Closed with views still reachable or not: the last view's clean-up removes the store's directory.
        awaitGc(() -> !Files.exists(bigDirs.directory), "views of the timing test");
        bigDirs.close();
    }

    private static long medianGetAndView(SharedObjectStore store, String id, long size) {
        int n = 300;
        long[] times = new long[n];
        long sink = 0;
        for (int i = -100; i < n; i++) {
            long t0 = System.nanoTime();
            ByteBuffer view;
            try (ReadableObject r = store.get(id).orElseThrow()) {
                view = r.retainedView();
            }
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                times[i] = t;
            }
            assertEquals(size, view.remaining());
            sink += view.get((int)(size - 1));
        }
        assertEquals(0, sink);
        Arrays.sort(times);
        return times[n / 2];
    }
}
