package dev.rayo.jmh;

import dev.rayo.store.ObjectStores;
import dev.rayo.store.ReadableObject;
import dev.rayo.store.SharedObjectStore;
import dev.rayo.store.StoreConfig;
import dev.rayo.store.WritableObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The shared store's put (create, copy, seal, delete) and get (pin and view a sealed object), against a
 * copy into touched memory and a map lookup: what the store's protocol and control file cost per object.
 */
@State(Scope.Thread)
public class StoreBenchmarks {
    /** The object every get reads; put ids count up from 0 and never reach it. */
    private static final String HELD = "ffffffffffffffffffffffffffffffff";

    @Param({"65536", "1048576"})
    public int bytes;

    private Path directory;
    private SharedObjectStore store;
    private ByteBuffer source;
    private ByteBuffer touched;
    private final ConcurrentHashMap<String, ByteBuffer> map = new ConcurrentHashMap<>();
    private long next;

    /** A store of its own under /dev/shm (or the temp dir), holding one sealed object to read. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        directory = Files.createTempDirectory(base, "rayo-jmh-");
        store = ObjectStores.open(StoreConfig.builder().directory(directory).spillDirectory(directory.resolve("spill"))
                .capacityBytes(256L << 20).sweepInterval(Duration.ZERO).build());
        source = ByteBuffer.allocateDirect(bytes);
        while (source.hasRemaining()) {
            source.put((byte) source.position());
        }
        touched = ByteBuffer.allocateDirect(bytes);
        touched.put(source.clear());
        put(HELD);
        map.put(HELD, touched);
    }

    /** Closes the store and removes its files. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One object in and out of the store; its freed file is recycled by the next put. */
    @Benchmark
    public boolean rayo_put() {
        String id = String.format("%032x", next++);
        put(id);
        return store.delete(id);
    }

    /** The same bytes copied into memory that is already touched. */
    @Benchmark
    public ByteBuffer jdk_put() {
        return touched.clear().put(source.clear());
    }

    /** Pins a sealed object, takes a read-only view of it and unpins it. */
    @Benchmark
    public int rayo_get() {
        try (ReadableObject object = store.get(HELD).orElseThrow()) {
            return object.buffer().get(0);
        }
    }

    /** A map lookup and a read-only view of a buffer. */
    @Benchmark
    public int jdk_get() {
        return map.get(HELD).asReadOnlyBuffer().get(0);
    }

    private void put(String id) {
        try (WritableObject object = store.create(id, bytes, 0)) {
            object.buffer().put(source.clear());
            object.seal();
        }
    }
}
