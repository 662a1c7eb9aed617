package dev.rayo.store;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link SharedObjectStore}; build one with {@link #builder()}.
 *
 * <p>The host-wide settings ({@code spillDirectory}, {@code capacityBytes}, {@code spillCapacityBytes},
 * {@code poolCapacityBytes}, {@code maxObjects}, {@code maxProcesses}) are fixed by the first process that creates the store's control
 * file; processes that open an existing directory adopt the values recorded there, so every JVM on the host
 * agrees on one capacity and finds every spilled object.
 *
 * <p>Defaults:
 * <ul>
 *   <li>{@code directory}: {@code /dev/shm/rayo-<clusterName>}, or {@code ${java.io.tmpdir}/rayo-<clusterName>}
 *       when {@code /dev/shm} is not a writable directory;</li>
 *   <li>{@code spillDirectory}: {@code ${java.io.tmpdir}/rayo-spill-<clusterName>};</li>
 *   <li>{@code capacityBytes}: {@value #DEFAULT_MEMORY_FRACTION_PERCENT}% of physical memory, capped by the
 *       usable space of the file system holding {@code directory};</li>
 *   <li>{@code spillCapacityBytes}: unlimited (bounded only by the spill disk's usable space);</li>
 *   <li>{@code poolCapacityBytes}: {@value #DEFAULT_POOL_FRACTION_PERCENT}% of {@code capacityBytes};</li>
 *   <li>{@code maxObjects}: {@value #DEFAULT_MAX_OBJECTS} (in memory and spilled, rounded up to a power of two);</li>
 *   <li>{@code maxProcesses}: {@value #DEFAULT_MAX_PROCESSES} store instances attached at once on the host;</li>
 *   <li>{@code sweepInterval}: 2 seconds between sweeps for crashed processes;</li>
 *   <li>{@code maxCachedMappings}: {@value #DEFAULT_MAX_CACHED_MAPPINGS} idle object mappings kept per process;</li>
 *   <li>{@code stallCheckInterval}: {@value #DEFAULT_STALL_CHECK_MILLIS} milliseconds of waiting on another
 *       process's spill or restore before checking that it is still alive;</li>
 *   <li>{@code warmSpareMinBytes}: {@value #DEFAULT_WARM_SPARE_MIN_BYTES} bytes (8 MiB).</li>
 * </ul>
 *
 * @param directory          memory-backed directory holding the control file and the object files
 * @param spillDirectory     local disk directory receiving evicted objects
 * @param capacityBytes      host-wide limit on bytes held in memory
 * @param spillCapacityBytes limit on bytes held in the spill directory
 * @param poolCapacityBytes  limit on bytes of freed memory files kept (pooled) for reuse by later creates, so
 *                           that a large put writes into memory already allocated (and, in the process that
 *                           freed it, already mapped) instead of faulting in fresh pages; pooled bytes count
 *                           against {@code capacityBytes} and are released before any object is spilled.
 *                           Zero disables pooling. Files under {@value #MIN_POOLED_FILE_BYTES} bytes are never
 *                           pooled.
 * @param maxObjects         size of the shared object table (objects in memory plus spilled)
 * @param maxProcesses       number of store instances that may be attached to the directory at once
 * @param sweepInterval      period of the background sweep for crashed processes; zero disables it
 * @param maxCachedMappings  mappings of unpinned objects this process keeps for fast re-reads (each is a VMA,
 *                           and Linux limits a process to {@code vm.max_map_count}, 65530 by default)
 * @param stallCheckInterval how long a create or get of this process waits on spills or restores by other
 *                           processes before sweeping for crashed processes (one may have died mid-way), and
 *                           again after every further such period
 * @param warmSpareMinBytes  objects at least this large that this process creates keep one spare memory file of
 *                           their size ready in the pool, allocated and mapped ahead of time on a background
 *                           thread of this process, so that the next create of about that size copies into
 *                           pages that exist instead of faulting in fresh ones (several times slower than the
 *                           copy). A spare is made only when the pool and the capacity have room for it without
 *                           releasing anything, counts as pooled bytes and is released first under pressure.
 *                           Zero disables spares. Per process, not recorded in the control file.
 */
public record StoreConfig(
    Path directory,
    Path spillDirectory,
    long capacityBytes,
    long spillCapacityBytes,
    long poolCapacityBytes,
    int maxObjects,
    int maxProcesses,
    Duration sweepInterval,
    int maxCachedMappings,
    Duration stallCheckInterval,
    long warmSpareMinBytes) {

    /** Percentage of physical memory used as the default capacity. */
    public static final int DEFAULT_MEMORY_FRACTION_PERCENT = 30;

    /** Percentage of {@code capacityBytes} used as the default pool capacity. */
    public static final int DEFAULT_POOL_FRACTION_PERCENT = 25;

    /** Smallest freed file worth pooling: below this, creating a file costs about as much as renaming one. */
    public static final long MIN_POOLED_FILE_BYTES = 64 << 10;

    /** Default size of the shared object table. */
    public static final int DEFAULT_MAX_OBJECTS = 65_536;

    /** Default number of store instances attachable at once. */
    public static final int DEFAULT_MAX_PROCESSES = 64;

    /** Default number of idle mappings cached per process. */
    public static final int DEFAULT_MAX_CACHED_MAPPINGS = 1024;

    /** Default wait, in milliseconds, on another process's spill or restore before checking it is alive. */
    public static final long DEFAULT_STALL_CHECK_MILLIS = 100;

    /** Default smallest object for which a pre-faulted spare file is kept ready ({@link #warmSpareMinBytes}). */
    public static final long DEFAULT_WARM_SPARE_MIN_BYTES = 8L << 20;

    /** Largest object the store accepts: a {@link java.nio.ByteBuffer} is indexed by {@code int}. */
    public static final long MAX_OBJECT_BYTES = Integer.MAX_VALUE;

    /** Validates the values; use {@link #builder()} to get defaults. */
    public StoreConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(spillDirectory, "spillDirectory");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(stallCheckInterval, "stallCheckInterval");
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be > 0: " + capacityBytes);
        }
        if (spillCapacityBytes < 0) {
            throw new IllegalArgumentException("spillCapacityBytes must be >= 0: " + spillCapacityBytes);
        }
        if (poolCapacityBytes < 0) {
            throw new IllegalArgumentException("poolCapacityBytes must be >= 0: " + poolCapacityBytes);
        }
        if (maxObjects < 16 || maxObjects > (1 << 22)) {
            throw new IllegalArgumentException("maxObjects must be in [16, 4194304]: " + maxObjects);
        }
        if (maxProcesses < 1 || maxProcesses > 1024) {
            throw new IllegalArgumentException("maxProcesses must be in [1, 1024]: " + maxProcesses);
        }
        if (maxCachedMappings < 0) {
            throw new IllegalArgumentException("maxCachedMappings must be >= 0: " + maxCachedMappings);
        }
        if (sweepInterval.isNegative()) {
            throw new IllegalArgumentException("sweepInterval must not be negative: " + sweepInterval);
        }
        if (stallCheckInterval.isNegative() || stallCheckInterval.isZero()) {
            throw new IllegalArgumentException("stallCheckInterval must be > 0: " + stallCheckInterval);
        }
        if (warmSpareMinBytes < 0) {
            throw new IllegalArgumentException("warmSpareMinBytes must be >= 0: " + warmSpareMinBytes);
        }
    }

    /** The settings before {@code warmSpareMinBytes} existed; spares get their default. */
    public StoreConfig(Path directory, Path spillDirectory, long capacityBytes, long spillCapacityBytes,
        long poolCapacityBytes, int maxObjects, int maxProcesses, Duration sweepInterval, int maxCachedMappings,
        Duration stallCheckInterval) {
        this(directory, spillDirectory, capacityBytes, spillCapacityBytes, poolCapacityBytes, maxObjects,
            maxProcesses, sweepInterval, maxCachedMappings, stallCheckInterval, DEFAULT_WARM_SPARE_MIN_BYTES);
    }

    /** A builder with every default in place for cluster {@code "default"}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults for a named cluster. */
    public static StoreConfig defaults(String clusterName) {
        return builder().clusterName(clusterName).build();
    }

    /** The default capacity: a fraction of physical memory, capped by the usable space under {@code directory}. */
    public static long defaultCapacity(Path directory) {
        long physical = physicalMemoryBytes();
        long capacity = physical / 100 * DEFAULT_MEMORY_FRACTION_PERCENT;
        try {
            Path existing = directory;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                capacity = Math.min(capacity, Files.getFileStore(existing).getUsableSpace());
            }
        } catch (Exception ignore) {
            // The cap is a safety net; an unreadable file store keeps the memory-based figure.
        }
        return Math.max(capacity, 1L << 20);
    }

    private static long physicalMemoryBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** Builder of {@link StoreConfig}; unset values take the documented defaults at {@link #build()}. */
    public static final class Builder {
        private String clusterName = "default";
        private Path directory;
        private Path spillDirectory;
        private long capacityBytes;
        private long spillCapacityBytes = Long.MAX_VALUE;
        private long poolCapacityBytes = -1;
        private int maxObjects = DEFAULT_MAX_OBJECTS;
        private int maxProcesses = DEFAULT_MAX_PROCESSES;
        private Duration sweepInterval = Duration.ofSeconds(2);
        private int maxCachedMappings = DEFAULT_MAX_CACHED_MAPPINGS;
        private Duration stallCheckInterval = Duration.ofMillis(DEFAULT_STALL_CHECK_MILLIS);
        private long warmSpareMinBytes = DEFAULT_WARM_SPARE_MIN_BYTES;

        private Builder() {
        }

        /** Names the per-cluster default directories; ignored for directories set explicitly. */
        public Builder clusterName(String clusterName) {
            if (clusterName == null || clusterName.isEmpty() || clusterName.contains(File.separator)) {
                throw new IllegalArgumentException("invalid cluster name: " + clusterName);
            }
            this.clusterName = clusterName;
            return this;
        }

        /** The memory-backed directory shared by every JVM on the host. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** The local disk directory receiving evicted objects; only used by the process that creates the control file. */
        public Builder spillDirectory(Path spillDirectory) {
            this.spillDirectory = spillDirectory;
            return this;
        }

        /** Host-wide in-memory capacity; only used by the process that creates the control file. */
        public Builder capacityBytes(long capacityBytes) {
            this.capacityBytes = capacityBytes;
            return this;
        }

        /** Host-wide limit on bytes spilled to disk; only used by the process that creates the control file. */
        public Builder spillCapacityBytes(long spillCapacityBytes) {
            this.spillCapacityBytes = spillCapacityBytes;
            return this;
        }

        /**
         * Bytes of freed memory files kept for reuse (counted against the capacity); zero disables pooling. Only
         * used by the process that creates the control file.
         */
        public Builder poolCapacityBytes(long poolCapacityBytes) {
            if (poolCapacityBytes < 0) {
                throw new IllegalArgumentException("poolCapacityBytes must be >= 0: " + poolCapacityBytes);
            }
            this.poolCapacityBytes = poolCapacityBytes;
            return this;
        }

        /** Size of the shared object table; only used by the process that creates the control file. */
        public Builder maxObjects(int maxObjects) {
            this.maxObjects = maxObjects;
            return this;
        }

        /** Number of store instances that may be attached at once; only used by the creator of the control file. */
        public Builder maxProcesses(int maxProcesses) {
            this.maxProcesses = maxProcesses;
            return this;
        }

        /** Period of the background sweep for crashed processes; {@link Duration#ZERO} disables it. */
        public Builder sweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
            return this;
        }

        /** Idle mappings cached by this process; per process, not recorded in the control file. */
        public Builder maxCachedMappings(int maxCachedMappings) {
            this.maxCachedMappings = maxCachedMappings;
            return this;
        }

        /** Wait on other processes' spills and restores before checking they are alive; per process. */
        public Builder stallCheckInterval(Duration stallCheckInterval) {
            this.stallCheckInterval = stallCheckInterval;
            return this;
        }

        /**
         * Objects at least this large created by this process keep a pre-faulted spare file of their size in the
         * pool; zero disables spares. Per process.
         */
        public Builder warmSpareMinBytes(long warmSpareMinBytes) {
            if (warmSpareMinBytes < 0) {
                throw new IllegalArgumentException("warmSpareMinBytes must be >= 0: " + warmSpareMinBytes);
            }
            this.warmSpareMinBytes = warmSpareMinBytes;
            return this;
        }

        /** Fills in defaults and validates. */
        public StoreConfig build() {
            Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
            Path dir = directory;
            if (dir == null) {
                Path shm = Paths.get("/dev/shm");
                dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm.resolve("rayo-" + clusterName)
                    : tmp.resolve("rayo-" + clusterName);
            }
            Path spill = spillDirectory != null ? spillDirectory : tmp.resolve("rayo-spill-" + clusterName);
            long capacity = capacityBytes > 0 ? capacityBytes : defaultCapacity(dir);
            long pool = poolCapacityBytes >= 0 ? poolCapacityBytes : capacity / 100 * DEFAULT_POOL_FRACTION_PERCENT;
            return new StoreConfig(dir, spill, capacity, spillCapacityBytes, pool, maxObjects, maxProcesses,
                sweepInterval, maxCachedMappings, stallCheckInterval, warmSpareMinBytes);
        }
    }
}
