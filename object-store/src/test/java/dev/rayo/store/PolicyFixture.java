package dev.rayo.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A control file and the collaborators of the store's policies ({@link FilePool}, {@link ObjectTable},
 * {@link HostLock}), without a {@link SharedObjectStore}: for testing one policy at a time. Slots are filled
 * directly; {@code ...Locked} methods are called without the lock, as nothing else runs.
 */
final class PolicyFixture implements AutoCloseable {
    static final int MB = 1 << 20;

    final ControlFile control;
    final ObjectFiles files;
    final SpillDirectory spill;
    final MappingCache cache = new MappingCache(16);
    final FilePool pool;
    final ObjectTable table;
    /** This process's entry. */
    final int process;
    final HostLock lock;
    /** Times the lock ran its repair action (taken over from a dead holder). */
    final AtomicInteger repairs = new AtomicInteger();

    /** Under {@code dir} (not /dev/shm): a store of {@code capacity} bytes keeping up to {@code poolCapacity} pooled. */
    PolicyFixture(Path dir, long capacity, long poolCapacity) throws IOException {
        StoreConfig config = StoreConfig.builder()
            .directory(dir.resolve("store"))
            .spillDirectory(dir.resolve("spill"))
            .capacityBytes(capacity)
            .poolCapacityBytes(poolCapacity)
            .maxObjects(64)
            .maxProcesses(4)
            .sweepInterval(Duration.ZERO)
            .build();
        Files.createDirectories(config.directory());
        control = ControlFile.openOrCreate(config.directory().resolve("control"), config);
        files = new ObjectFiles(config.directory().resolve("objects"), config.directory().resolve("pool"));
        spill = new SpillDirectory(control.spillDirectory());
        pool = new FilePool(control, files, cache);
        table = new ObjectTable(control, pool, spill);
        process = control.registerProcess(ProcessHandle.current().pid(), ProcessLiveness.currentStartMillis());
        lock = new HostLock(control, process, repairs::incrementAndGet);
    }

    /**
     * Inserts object {@code n} of {@code size} bytes in {@code state}, owned by process entry {@code owner}, with a
     * fresh extent, its memory file (holding {@link #content}) and its bytes counted as used. Returns its slot.
     */
    int object(long n, int size, int state, int owner) throws IOException {
        long high = 0xAB00L + n;
        long low = n * 0x9E3779B97F4A7C15L;
        int slot = table.insertionSlotLocked(high, low);
        control.initSlot(slot, high, low, size, 7, owner, control.nextExtent(), state);
        Files.write(files.path(high, low), content(n, size));
        control.addUsedBytes(size);
        return slot;
    }

    /** The bytes of object {@code n}. */
    static byte[] content(long n, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte)(i * 31 + n);
        }
        return bytes;
    }

    /** The memory file of the object in {@code slot}. */
    Path file(int slot) {
        return files.path(control.idHigh(slot), control.idLow(slot));
    }

    /** The spill file of the object in {@code slot}. */
    Path spillFile(int slot) {
        return spill.path(control.idHigh(slot), control.idLow(slot));
    }

    /** The object id held in {@code slot}. */
    String id(int slot) {
        return ObjectId.format(control.idHigh(slot), control.idLow(slot));
    }

    /** Registers a process that has already exited; returns its entry. */
    int deadProcess() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        if (!dead.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("'true' did not exit");
        }
        return control.registerProcess(dead.pid(), 1);
    }

    @Override
    public void close() {
        cache.closeAll();
        control.close();
    }
}
