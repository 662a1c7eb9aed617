package dev.rayo.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** Per-test directories under /dev/shm (store) and java.io.tmpdir (spill), plus deterministic payloads. */
final class StoreTestSupport implements AutoCloseable {
    final Path directory;
    final Path spillDirectory;

    StoreTestSupport() {
        String unique = "rayo-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path shm = Paths.get("/dev/shm");
        Path base = Files.isDirectory(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        directory = base.resolve(unique);
        spillDirectory = Paths.get(System.getProperty("java.io.tmpdir")).resolve(unique + "-spill");
    }

    StoreConfig.Builder config(long capacity) {
        return StoreConfig.builder()
            .directory(directory)
            .spillDirectory(spillDirectory)
            .capacityBytes(capacity)
            .maxObjects(1024)
            .maxProcesses(8)
            .sweepInterval(Duration.ZERO);
    }

    SharedObjectStore open(long capacity) {
        return ObjectStores.open(config(capacity).build());
    }

    /** The store's pool of recycled files. */
    Path poolDir() {
        return directory.resolve("pool");
    }

    /** The inode of {@code file}: tells whether a recycled object reuses the same file. */
    static Object inode(Path file) {
        try {
            return Files.getAttribute(file, "unix:ino");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Path objectsDir() {
        return directory.resolve("objects");
    }

    long objectFileCount() {
        return countFiles(objectsDir());
    }

    long spillFileCount() {
        return countFiles(spillDirectory);
    }

    static long countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String id(long n) {
        return String.format("%016x%016x", 0xAB00L + n, n * 0x9E3779B97F4A7C15L);
    }

    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    /** Fills {@code buffer} (from position 0 to its limit) with bytes derived from {@code seed}. */
    static void fill(ByteBuffer buffer, long seed) {
        ByteBuffer b = buffer.duplicate().clear();
        int i = 0;
        while (b.remaining() >= 8) {
            b.putLong(mix(seed + i++));
        }
        while (b.hasRemaining()) {
            b.put((byte)mix(seed + i++));
        }
    }

    /** True when {@code buffer} holds what {@link #fill} wrote for {@code seed}. */
    static boolean matches(ByteBuffer buffer, long seed, long size) {
        ByteBuffer b = buffer.duplicate().clear();
        if (b.remaining() != size) {
            return false;
        }
        int i = 0;
        while (b.remaining() >= 8) {
            if (b.getLong() != mix(seed + i++)) {
                return false;
            }
        }
        while (b.hasRemaining()) {
            if (b.get() != (byte)mix(seed + i++)) {
                return false;
            }
        }
        return true;
    }

    static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    static void put(ObjectStore store, String id, long size, long seed) {
        try (WritableObject w = store.create(id, size, 7)) {
            fill(w.buffer(), seed);
            w.seal();
        }
    }

    @Override
    public void close() {
        deleteTree(directory);
        deleteTree(spillDirectory);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignore) {
                    // best effort
                }
            });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
