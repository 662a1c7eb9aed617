package dev.rayo.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;

/**
 * Rough figures for the shared store on this host (not a JMH harness; medians of repeated runs):
 * steady-state put of 100 MB (pool warm) vs a plain memory copy in the same run, zero-copy get of 100 MB and 1 GB objects, small-object ops/s.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q -o -pl object-store test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/os.cp -Dmdep.includeScope=test
 * java -cp object-store/target/test-classes:object-store/target/classes:$(cat /tmp/os.cp) dev.rayo.store.StoreBenchmark
 * </pre>
 */
public final class StoreBenchmark {
    private static final int MB100 = 100 << 20;
    private static final int GB1 = 1 << 30;

    private StoreBenchmark() {
    }

    /** Runs every measurement once and prints the figures. */
    public static void main(String[] args) throws Exception {
        Path base = Files.isDirectory(Paths.get("/dev/shm")) ? Paths.get("/dev/shm") : Paths.get(System.getProperty("java.io.tmpdir"));
        Path dir = base.resolve("rayo-bench-" + ProcessHandle.current().pid());
        Path spill = Paths.get(System.getProperty("java.io.tmpdir")).resolve("rayo-bench-spill-" + ProcessHandle.current().pid());
        StoreConfig config = StoreConfig.builder().directory(dir).spillDirectory(spill)
            .capacityBytes(3L << 30).maxObjects(1 << 18).sweepInterval(Duration.ZERO).build();
        try (SharedObjectStore store = ObjectStores.open(config)) {
            ByteBuffer source = ByteBuffer.allocateDirect(MB100);
            StoreTestSupport.fill(source, 1);
            benchPut(store, config, source);
            benchGet(store, config, source);
            benchSmall(store);
        } finally {
            StoreTestSupport.deleteTree(dir);
            StoreTestSupport.deleteTree(spill);
        }
    }

    /**
     * Steady-state put: rounds of put (create + copy + seal) and delete of 100 MB, so that after the first round
     * the freed file sits in the pool and every put recycles it (and this process's mapping of it). The baseline
     * is a plain copy of the same 100 MB into an already-touched direct buffer, timed in the same loop.
     */
    private static void benchPut(SharedObjectStore store, StoreConfig config, ByteBuffer source) {
        ByteBuffer target = ByteBuffer.allocateDirect(MB100);
        target.put(source.duplicate().clear()); // touched

        // Cold: the pool is empty, the file's pages are new.
        long t0 = System.nanoTime();
        putOnce(store, StoreTestSupport.id(0), source);
        long cold = System.nanoTime() - t0;
        store.delete(StoreTestSupport.id(0));

        int warmup = 10;
        int runs = 41;
        long[] put = new long[runs];
        long[] delete = new long[runs];
        long[] copy = new long[runs];
        for (int i = -warmup; i < runs; i++) {
            String id = StoreTestSupport.id(1 + (i + warmup));
            t0 = System.nanoTime();
            putOnce(store, id, source);
            long p = System.nanoTime() - t0;
            t0 = System.nanoTime();
            store.delete(id);
            long d = System.nanoTime() - t0;
            t0 = System.nanoTime();
            target.clear().put(source.duplicate().clear());
            long c = System.nanoTime() - t0;
            if (i >= 0) {
                put[i] = p;
                delete[i] = d;
                copy[i] = c;
            }
        }
        StoreStats stats = store.stats();
        double putGbs = gbPerSecond(MB100, median(put));
        double copyGbs = gbPerSecond(MB100, median(copy));
        System.out.printf("put 100 MB cold (empty pool, new tmpfs pages): %.2f GB/s%n", gbPerSecond(MB100, cold));
        System.out.printf("put 100 MB steady state (create+copy+seal, pooled file recycled): %.2f GB/s"
            + " (median of %d, min %.2f, max %.2f); delete %.1f us%n", putGbs, runs,
            gbPerSecond(MB100, max(put)), gbPerSecond(MB100, min(put)), median(delete) / 1e3);
        System.out.printf("baseline: plain copy 100 MB into an already-touched direct ByteBuffer: %.2f GB/s"
            + " (median of %d)%n", copyGbs, runs);
        System.out.printf("ratio put/baseline: %.2f (issue target >= 0.80)  [pool: %d files, %d bytes]%n",
            putGbs / copyGbs, stats.pooledFiles(), stats.pooledBytes());

        // Recycled by a process that never mapped the file (a second store instance has its own mapping cache):
        // pages exist, but this process maps and pre-faults them.
        StoreConfig otherConfig = StoreConfig.builder().directory(config.directory())
            .capacityBytes(config.capacityBytes()).sweepInterval(Duration.ZERO).build();
        long[] cross = new long[7];
        for (int i = 0; i < cross.length; i++) {
            String first = StoreTestSupport.id(500 + 2 * i);
            String second = StoreTestSupport.id(501 + 2 * i);
            putOnce(store, first, source);
            store.delete(first);
            // A fresh instance each round, so it has never mapped the pooled file it recycles.
            try (SharedObjectStore other = ObjectStores.open(otherConfig)) {
                t0 = System.nanoTime();
                putOnce(other, second, source);
                cross[i] = System.nanoTime() - t0;
                other.delete(second);
            }
        }
        System.out.printf("put 100 MB recycling a file mapped only by another process: %.2f GB/s (median of %d)%n",
            gbPerSecond(MB100, median(cross)), cross.length);
    }

    private static void putOnce(SharedObjectStore store, String id, ByteBuffer source) {
        try (WritableObject w = store.create(id, MB100, 0)) {
            w.buffer().put(source.duplicate().clear());
            w.seal();
        }
    }

    private static void benchGet(SharedObjectStore store, StoreConfig config, ByteBuffer source) {
        String small = StoreTestSupport.id(100);
        String big = StoreTestSupport.id(101);
        try (WritableObject w = store.create(small, MB100, 0)) {
            w.buffer().put(source.duplicate().clear());
            w.seal();
        }
        try (WritableObject w = store.create(big, GB1, 0)) {
            ByteBuffer b = w.buffer();
            while (b.hasRemaining()) {
                b.put(source.duplicate().clear().limit(Math.min(MB100, b.remaining())));
            }
            w.seal();
        }
        for (String id : new String[] {small, big}) {
            String label = id.equals(small) ? "100 MB" : "1 GB";
            // Uncached: a second store instance with no mapping cache maps and unmaps the file on every get.
            long uncached;
            StoreConfig noCache = StoreConfig.builder().directory(config.directory())
                .capacityBytes(config.capacityBytes()).maxCachedMappings(0).sweepInterval(Duration.ZERO).build();
            try (SharedObjectStore other = ObjectStores.open(noCache)) {
                int m = 2_000;
                for (int i = 0; i < m; i++) {
                    other.get(id).orElseThrow().close();
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < m; i++) {
                    try (ReadableObject r = other.get(id).orElseThrow()) {
                        if (r.buffer().get(r.buffer().limit() - 1) == 42 && r.sizeBytes() < 0) {
                            System.out.print("");
                        }
                    }
                }
                uncached = (System.nanoTime() - t0) / m;
            }
            // Steady state: the mapping is cached.
            int n = 200_000;
            long sink = 0;
            for (int i = 0; i < n / 10; i++) {
                try (ReadableObject r = store.get(id).orElseThrow()) {
                    sink += r.sizeBytes();
                }
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (ReadableObject r = store.get(id).orElseThrow()) {
                    sink += r.buffer().get(i & 1023);
                }
            }
            long warm = System.nanoTime() - t0;
            System.out.printf("get %s: uncached get+touch last byte+close (mmap+munmap) %.1f us; cached get+close %.2f us (sink %d)%n",
                label, uncached / 1e3, warm / 1e3 / n, sink & 1);
            // GC-tied view: a fresh mapping per call, released by a Cleaner once unreachable.
            int v = 2_000;
            long[] viewTimes = new long[v];
            for (int i = -500; i < v; i++) {
                long t1 = System.nanoTime();
                java.nio.ByteBuffer view;
                try (ReadableObject r = store.get(id).orElseThrow()) {
                    view = r.retainedView();
                }
                if (i >= 0) {
                    viewTimes[i] = System.nanoTime() - t1;
                }
                sink += view.get(view.limit() - 1);
            }
            System.out.printf("get %s + retainedView + close: median %.1f us (sink %d)%n", label, median(viewTimes) / 1e3,
                sink & 1);
        }
        store.delete(small);
        store.delete(big);
        // Views taken above pin both objects until collected; let the deferred deletes complete.
        for (int i = 0; i < 50 && store.usedBytes() > 0; i++) {
            System.gc();
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void benchSmall(SharedObjectStore store) {
        int n = 100_000;
        int size = 1024;
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte)7);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = StoreTestSupport.id(1_000_000 + i);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (WritableObject w = store.create(ids[i], size, 0)) {
                w.buffer().put(payload);
                w.seal();
            }
        }
        long put = System.nanoTime() - t0;
        long sink = 0;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (ReadableObject r = store.get(ids[i]).orElseThrow()) {
                sink += r.buffer().get(0);
            }
        }
        long get = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            store.delete(ids[i]);
        }
        long delete = System.nanoTime() - t0;
        System.out.printf("small objects (1 KiB, %d): put %.0f ops/s, get+close %.0f ops/s (first get maps), delete %.0f ops/s (sink %d)%n",
            n, n / (put / 1e9), n / (get / 1e9), n / (delete / 1e9), sink & 1);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double gbPerSecond(long bytes, long nanos) {
        return bytes / (double)nanos;
    }
}
