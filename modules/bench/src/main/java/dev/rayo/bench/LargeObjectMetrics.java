package dev.rayo.bench;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The large-object metrics: put of a 100 MiB buffer (GB/s), bounded by one memory copy into the store's
 * shared memory, and get of a 100 MiB (and 1 GiB) buffer object, which must be a read-only view of the
 * store and so cost the same whatever the size.
 */
public final class LargeObjectMetrics {
    /** Full GCs between puts: a dropped ref frees its store space only once the collector finds it. */
    private static final int PUTS_PER_GC = 5;

    private LargeObjectMetrics() {
    }

    /** The family, in BENCHMARKS.md order. */
    public static List<Metric> all() {
        return List.of(putGigabytes(), getLargeZeroCopy());
    }

    static Metric putGigabytes() {
        int size = BenchFns.LARGE_BYTES;
        return MetricSpec.builder("single_client_put_gigabytes")
                .unit(Unit.GB_PER_S)
                .rayo("put of a 100 MiB direct ByteBuffer", ctx -> new Workload() {
                    private final ByteBuffer src = BenchFns.makeBuffer(size);
                    private int puts;

                    @Override
                    public void prepare() {
                        if (++puts % PUTS_PER_GC == 0) {
                            System.gc();
                        }
                    }

                    @Override
                    public long run() {
                        Rayo.put(src.duplicate());
                        return size;
                    }

                    @Override
                    public void close() {
                        Buffers.free(src);
                        System.gc();
                    }
                })
                .baseline("ByteBuffer.put of 100 MiB, direct to an already-touched direct buffer (one memcpy)",
                        ctx -> new Workload() {
                            private final ByteBuffer src = BenchFns.makeBuffer(size);
                            private final ByteBuffer dst = BenchFns.makeBuffer(size);

                            @Override
                            public long run() {
                                dst.clear();
                                dst.put(src.duplicate());
                                return size;
                            }

                            @Override
                            public void close() {
                                Buffers.free(src);
                                Buffers.free(dst);
                            }
                        })
                .baselineVariant("copy into fresh /dev/shm pages",
                        ctx -> new FreshMappingCopy(size))
                .ray(19.9)
                .build();
    }

    static Metric getLargeZeroCopy() {
        return MetricSpec.builder("single_client_get_large_zero_copy")
                .unit(Unit.MICROS)
                .latencyHistogram()
                .rayo("get of a put 100 MiB ByteBuffer (a read-only view of the store; must not grow with size)",
                        ctx -> new ZeroCopyGet(BenchFns.LARGE_BYTES))
                .variant("1 GiB object", ctx -> {
                    requireMemoryFor(1L << 30);
                    return new ZeroCopyGet(1 << 30);
                })
                .build();
    }

    /** Fails with {@link SkippedException} unless the host has room for a few copies of {@code bytes}. */
    static void requireMemoryFor(long bytes) {
        long needed = 3 * bytes;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getFreeMemorySize() < needed) {
            throw new SkippedException("only " + (os.getFreeMemorySize() >> 20) + " MiB of memory free");
        }
        if (Runtime.getRuntime().maxMemory() < bytes) {
            throw new SkippedException("the JVM's direct memory limit is below " + (bytes >> 20) + " MiB");
        }
    }

    /** Gets one stored buffer object again and again. */
    static final class ZeroCopyGet implements Workload {
        private final int size;
        private ObjectRef<ByteBuffer> ref;

        ZeroCopyGet(int size) {
            this.size = size;
            ByteBuffer src = BenchFns.makeBuffer(size);
            ref = Rayo.put(src);
            Buffers.free(src);
            check(Rayo.get(ref));
        }

        @Override
        public long run() {
            check(Rayo.get(ref));
            return 1;
        }

        private void check(ByteBuffer view) {
            if (view.remaining() != size) {
                throw new IllegalStateException("got " + view.remaining() + " bytes of " + size);
            }
        }

        @Override
        public void close() {
            ref = null;
            System.gc();
        }
    }

    /** Copies 100 MiB into a newly created and mapped /dev/shm file, as a store must for a new object. */
    static final class FreshMappingCopy implements Workload {
        private final int size;
        private final ByteBuffer src;
        private final Path dir;
        private MappedByteBuffer mapped;
        private Path file;
        private int n;

        FreshMappingCopy(int size) throws IOException {
            this.size = size;
            this.src = BenchFns.makeBuffer(size);
            this.dir = Files.createDirectories(StoreDirs.fresh("copy"));
        }

        @Override
        public void prepare() throws IOException {
            release();
            file = dir.resolve("object-" + n++);
        }

        @Override
        public long run() throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            }
            mapped.put(src.duplicate());
            return size;
        }

        private void release() throws IOException {
            Buffers.free(mapped);
            mapped = null;
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }

        @Override
        public void close() throws IOException {
            release();
            Buffers.free(src);
            StoreDirs.delete(dir);
        }
    }
}
