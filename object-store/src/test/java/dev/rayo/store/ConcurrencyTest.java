package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.rayo.store.StoreTestSupport.id;
import static dev.rayo.store.StoreTestSupport.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many threads of one process on the same objects. */
class ConcurrencyTest {
    private StoreTestSupport dirs;
    private SharedObjectStore store;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        dirs = new StoreTestSupport();
        store = dirs.open(32 << 20);
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        store.close();
        dirs.close();
    }

    @Test
    void concurrentReadersSeeIdenticalBytes() throws Exception {
        String id = id(1);
        int size = 4 << 20;
        StoreTestSupport.put(store, id, size, 99);
        ByteBuffer expected;
        try (ReadableObject r = store.get(id).orElseThrow()) {
            expected = ByteBuffer.allocate(size).put(r.buffer()).flip();
        }
        assertTrue(matches(expected, 99, size));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int ok = 0;
                for (int i = 0; i < 100; i++) {
                    try (ReadableObject r = store.get(id).orElseThrow()) {
                        if (r.buffer().equals(expected)) {
                            ok++;
                        }
                    }
                }
                return ok;
            }));
        }
        start.countDown();
        for (Future<Integer> f : results) {
            assertEquals(100, f.get(60, TimeUnit.SECONDS));
        }
        assertEquals(size, store.usedBytes());
    }

    @Test
    void deleteUnderReadersIsDeferredUntilTheLastClose() throws Exception {
        String id = id(2);
        int size = 1 << 20;
        StoreTestSupport.put(store, id, size, 5);
        ReadableObject first = store.get(id).orElseThrow();
        ReadableObject second = pool.submit(() -> store.get(id).orElseThrow()).get();

        assertTrue(store.delete(id));
        assertFalse(store.contains(id), "deleted object still listed");
        assertTrue(store.get(id).isEmpty(), "deleted object still readable by new readers");
        assertFalse(store.delete(id), "deleted twice");
        assertTrue(Files.exists(dirs.objectsDir().resolve(id)), "file removed under readers");
        assertEquals(size, store.usedBytes());
        assertTrue(matches(first.buffer(), 5, size), "bytes changed under a reader");

        first.close();
        assertEquals(size, store.usedBytes(), "freed while a reader still pins it");
        assertTrue(matches(second.buffer(), 5, size));
        pool.submit(second::close).get();
        assertEquals(0, store.usedBytes());
        assertFalse(Files.exists(dirs.objectsDir().resolve(id)), "file left after the last reader");
    }

    @Test
    void racingReadersAndDeletersLeaveNoLeak() throws Exception {
        int objects = 200;
        AtomicInteger readOk = new AtomicInteger();
        AtomicInteger corrupt = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int writer = t;
            futures.add(pool.submit(() -> {
                for (int i = writer; i < objects; i += 4) {
                    StoreTestSupport.put(store, id(1000 + i), 10_000 + i, i);
                }
            }));
        }
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < objects; i++) {
                        var r = store.get(id(1000 + i));
                        if (r.isPresent()) {
                            try (ReadableObject o = r.get()) {
                                if (matches(o.buffer(), i, 10_000 + i)) {
                                    readOk.incrementAndGet();
                                } else {
                                    corrupt.incrementAndGet();
                                }
                                if (round == 2) {
                                    store.delete(o.objectId());
                                }
                            }
                        }
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(0, corrupt.get());
        assertTrue(readOk.get() > 0);
        for (int i = 0; i < objects; i++) {
            store.delete(id(1000 + i));
        }
        assertEquals(0, store.usedBytes());
        assertEquals(0, dirs.objectFileCount());
    }
}
