package dev.rayo.store;

import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The memory-mapped control file shared by every store instance on the host: layout and atomic accessors,
 * nothing else. Every cross-process fact lives here so that a crashed JVM leaves nothing behind that the
 * survivors cannot see and repair.
 *
 * <pre>
 * header (4 KiB)        magic, version, geometry, host lock, byte counters, clocks, retired mark, spill directory
 * process table         maxProcesses x 64 B: pid (0 = free entry), start time of that process
 * slot table            slotCount x 64 B, open addressing on the object id (linear probing, tombstones)
 *   +0  int  state      FREE, TOMBSTONE, CREATING, SEALED, SPILLING, SPILLED, RESTORING, DELETE_PENDING
 *   +4  int  owner      process entry driving a transient state (CREATING, SPILLING, RESTORING), else -1
 *   +8  long idHigh     +16 long idLow
 *   +24 long size       +32 long generation (bumped each time the object gets a new memory file)
 *   +40 long lastAccess (host-wide logical clock, drives LRU eviction)
 *   +48 int  typeTag    +52 int flags (SPILL_COPY: an up-to-date copy sits in the spill directory)
 *   +56 long extent     host-unique number of the memory file holding the object (kept when the file is pooled)
 * pin table             slotCount x maxProcesses x int: pins each process holds on each slot
 * pool table            poolEntries x 32 B: freed memory files kept for reuse (see below)
 *   +0  long extent     0 = free entry      +8 long length (bytes of the file)      +16 long pooledAt (clock)
 * </pre>
 *
 * <p><b>Extents and the file pool.</b> Every memory file gets a host-unique extent number when it is created
 * and keeps it for life, through renames between {@code objects/<id>} and {@code pool/<extent>}. A freed file
 * (its object deleted and unpinned everywhere, or spilled) may be renamed into the pool instead of unlinked; a
 * later create or restore of at most its length renames it back under the new object's name, so its pages are
 * already allocated, and a process that still maps that extent writes through its existing mapping without a
 * page fault. Pool entries are changed only under the host lock; pooled bytes count against the capacity.
 *
 * <p>Pins are kept per (slot, process) rather than as one counter per slot: a crashed process's pins are then
 * exactly its column, which a survivor zeroes without guessing. A slot is pinned when any live column is
 * non-zero. Pinning is lock-free: a reader adds to its own cell then re-reads the slot state; evictors and
 * deleters change the state first then scan the pin row. Both sides use full fences (CAS / getAndAdd /
 * volatile), so at least one of them sees the other (Dekker), which is all the protocol needs.
 *
 * <p>Structural changes (inserting or freeing a slot, byte accounting, state changes that move memory) are
 * made under a host-wide spin lock held in the header, so the counters always match the slot table; a holder
 * that dies is detected by its pid and the lock is taken over, after which counters are recomputed.
 *
 * <p>This class is longer than most on purpose: it is the one owner of the file's layout, so every offset and
 * every atomic access of the shared memory is here and nowhere else, and it holds no policy. Splitting it (say, a
 * flyweight per table) would spread one layout and its memory-ordering rules over several classes without making
 * any of them simpler; the policies that use it are {@link FilePool}, {@link Evictor}, {@link ProcessSweeper} and
 * {@link ObjectTable}.
 */
final class ControlFile implements AutoCloseable {
    static final long MAGIC = 0x5241594F53544F52L; // "RAYOSTOR"
    static final int VERSION = 2;

    static final int FREE = 0;
    static final int TOMBSTONE = 1;
    static final int CREATING = 2;
    static final int SEALED = 3;
    static final int SPILLING = 4;
    static final int SPILLED = 5;
    static final int RESTORING = 6;
    static final int DELETE_PENDING = 7;

    static final int FLAG_SPILL_COPY = 1;

    private static final int HEADER_LENGTH = 4096;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 8;
    private static final int SLOT_COUNT_OFFSET = 12;
    private static final int MAX_PROCESSES_OFFSET = 16;
    private static final int CAPACITY_OFFSET = 24;
    private static final int SPILL_CAPACITY_OFFSET = 32;
    private static final int POOL_CAPACITY_OFFSET = 40;
    private static final int POOL_ENTRIES_OFFSET = 20;
    private static final int LOCK_OFFSET = 128;
    private static final int USED_OFFSET = 192;
    private static final int EVICTING_OFFSET = 200;
    private static final int SPILL_USED_OFFSET = 208;
    private static final int MEMORY_EPOCH_OFFSET = 216;
    private static final int PROCESS_HIGH_WATER_OFFSET = 224;
    private static final int RETIRED_OFFSET = 240;
    private static final int CLOCK_OFFSET = 256;
    private static final int EVICTIONS_OFFSET = 320;
    private static final int RESTORES_OFFSET = 328;
    private static final int POOLED_OFFSET = 336;
    private static final int EXTENT_COUNTER_OFFSET = 344;
    private static final int SPILL_DIR_LENGTH_OFFSET = 1024;
    private static final int SPILL_DIR_OFFSET = 1028;
    private static final int SPILL_DIR_MAX = HEADER_LENGTH - SPILL_DIR_OFFSET;

    private static final int PROCESS_ENTRY_LENGTH = 64;
    private static final int PROC_PID = 0;
    private static final int PROC_START = 8;

    static final int SLOT_LENGTH = 64;
    private static final int SLOT_STATE = 0;
    private static final int SLOT_OWNER = 4;
    private static final int SLOT_ID_HIGH = 8;
    private static final int SLOT_ID_LOW = 16;
    private static final int SLOT_SIZE = 24;
    private static final int SLOT_GENERATION = 32;
    private static final int SLOT_LAST_ACCESS = 40;
    private static final int SLOT_TYPE_TAG = 48;
    private static final int SLOT_FLAGS = 52;
    private static final int SLOT_EXTENT = 56;

    private static final int POOL_ENTRY_LENGTH = 32;
    private static final int POOL_EXTENT = 0;
    private static final int POOL_LENGTH = 8;
    private static final int POOL_AT = 16;

    /** Entries of the pool table: freed memory files kept for reuse at once. */
    static final int POOL_ENTRIES = 128;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final int slotCount;
    private final int slotMask;
    private final int maxProcesses;
    private final int processTableOffset;
    private final int slotTableOffset;
    private final int pinTableOffset;
    private final int poolTableOffset;
    private final int poolEntries;
    private final long poolCapacity;
    private final long capacity;
    private final long spillCapacity;
    private final Path spillDirectory;

    private ControlFile(MappedByteBuffer mapped) {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        if (buffer.getLongVolatile(MAGIC_OFFSET) != MAGIC || buffer.getInt(VERSION_OFFSET) != VERSION) {
            throw new IllegalStateException("not a Rayo object store control file (or another version)");
        }
        slotCount = buffer.getInt(SLOT_COUNT_OFFSET);
        slotMask = slotCount - 1;
        maxProcesses = buffer.getInt(MAX_PROCESSES_OFFSET);
        capacity = buffer.getLong(CAPACITY_OFFSET);
        spillCapacity = buffer.getLong(SPILL_CAPACITY_OFFSET);
        poolCapacity = buffer.getLong(POOL_CAPACITY_OFFSET);
        poolEntries = buffer.getInt(POOL_ENTRIES_OFFSET);
        byte[] dir = new byte[buffer.getInt(SPILL_DIR_LENGTH_OFFSET)];
        buffer.getBytes(SPILL_DIR_OFFSET, dir);
        spillDirectory = Paths.get(new String(dir, StandardCharsets.UTF_8));
        processTableOffset = HEADER_LENGTH;
        slotTableOffset = processTableOffset + BitUtil.align(maxProcesses * PROCESS_ENTRY_LENGTH, 4096);
        pinTableOffset = slotTableOffset + slotCount * SLOT_LENGTH;
        poolTableOffset = pinTableOffset + slotCount * maxProcesses * Integer.BYTES;
    }

    private static long fileLength(int slotCount, int maxProcesses) {
        return HEADER_LENGTH + BitUtil.align((long)maxProcesses * PROCESS_ENTRY_LENGTH, 4096)
            + (long)slotCount * SLOT_LENGTH + (long)slotCount * maxProcesses * Integer.BYTES
            + (long)POOL_ENTRIES * POOL_ENTRY_LENGTH;
    }

    /**
     * Maps the control file at {@code file}, creating it from {@code config} when absent. Creation writes a
     * private temporary file and hard-links it into place, so concurrent openers either see a fully initialised
     * file or lose the race and map the winner's.
     */
    static ControlFile openOrCreate(Path file, StoreConfig config) {
        try {
            if (!Files.exists(file)) {
                create(file, config);
            }
            // Not IoUtil.mapExistingFile: its RandomAccessFile "rw" would create an empty file when a last-out
            // process unlinked the control file in between; without CREATE the open fails and open() retries.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = channel.size();
                if (size < HEADER_LENGTH) {
                    throw new IllegalStateException("truncated object store control file " + file + " (" + size
                        + " bytes)");
                }
                return new ControlFile(channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot open object store control file " + file, ex);
        }
    }

    private static void create(Path file, StoreConfig config) throws IOException {
        int slotCount = BitUtil.findNextPositivePowerOfTwo(config.maxObjects());
        long length = fileLength(slotCount, config.maxProcesses());
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxObjects x maxProcesses too large for a control file: " + length);
        }
        byte[] dir = config.spillDirectory().toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        if (dir.length > SPILL_DIR_MAX) {
            throw new IllegalArgumentException("spill directory path too long: " + config.spillDirectory());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".init-" + ProcessHandle.current().pid() + "-"
            + System.nanoTime());
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
                // Sparse: pages of the slot and pin tables are only backed by memory once touched.
                MappedByteBuffer header = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
                UnsafeBuffer init = new UnsafeBuffer(header, 0, HEADER_LENGTH);
                init.putInt(VERSION_OFFSET, VERSION);
                init.putInt(SLOT_COUNT_OFFSET, slotCount);
                init.putInt(MAX_PROCESSES_OFFSET, config.maxProcesses());
                init.putLong(CAPACITY_OFFSET, config.capacityBytes());
                init.putLong(SPILL_CAPACITY_OFFSET, config.spillCapacityBytes());
                init.putLong(POOL_CAPACITY_OFFSET, config.poolCapacityBytes());
                init.putInt(POOL_ENTRIES_OFFSET, POOL_ENTRIES);
                init.putInt(SPILL_DIR_LENGTH_OFFSET, dir.length);
                init.putBytes(SPILL_DIR_OFFSET, dir);
                init.putLongVolatile(MAGIC_OFFSET, MAGIC);
                IoUtil.unmap(header);
            }
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException lostRace) {
                // Another process initialised the store first; its file wins.
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    int slotCount() {
        return slotCount;
    }

    int slotMask() {
        return slotMask;
    }

    int maxProcesses() {
        return maxProcesses;
    }

    long capacity() {
        return capacity;
    }

    long spillCapacity() {
        return spillCapacity;
    }

    Path spillDirectory() {
        return spillDirectory;
    }

    long poolCapacity() {
        return poolCapacity;
    }

    int poolEntries() {
        return poolEntries;
    }

    // ---------------------------------------------------------------- header

    boolean casLock(long expected, long update) {
        return buffer.compareAndSetLong(LOCK_OFFSET, expected, update);
    }

    long lockWord() {
        return buffer.getLongVolatile(LOCK_OFFSET);
    }

    void releaseLock() {
        buffer.putLongVolatile(LOCK_OFFSET, 0);
    }

    long usedBytes() {
        return buffer.getLongVolatile(USED_OFFSET);
    }

    void addUsedBytes(long delta) {
        buffer.getAndAddLong(USED_OFFSET, delta);
    }

    void usedBytes(long value) {
        buffer.putLongVolatile(USED_OFFSET, value);
    }

    long evictingBytes() {
        return buffer.getLongVolatile(EVICTING_OFFSET);
    }

    void addEvictingBytes(long delta) {
        buffer.getAndAddLong(EVICTING_OFFSET, delta);
    }

    void evictingBytes(long value) {
        buffer.putLongVolatile(EVICTING_OFFSET, value);
    }

    long spillUsedBytes() {
        return buffer.getLongVolatile(SPILL_USED_OFFSET);
    }

    void addSpillUsedBytes(long delta) {
        buffer.getAndAddLong(SPILL_USED_OFFSET, delta);
    }

    void spillUsedBytes(long value) {
        buffer.putLongVolatile(SPILL_USED_OFFSET, value);
    }

    long memoryEpoch() {
        return buffer.getLongVolatile(MEMORY_EPOCH_OFFSET);
    }

    void advanceMemoryEpoch() {
        buffer.getAndAddLong(MEMORY_EPOCH_OFFSET, 1);
    }

    long pooledBytes() {
        return buffer.getLongVolatile(POOLED_OFFSET);
    }

    void addPooledBytes(long delta) {
        buffer.getAndAddLong(POOLED_OFFSET, delta);
    }

    void pooledBytes(long value) {
        buffer.putLongVolatile(POOLED_OFFSET, value);
    }

    /** A new host-unique extent number (never 0) for a newly created memory file. */
    long nextExtent() {
        return buffer.getAndAddLong(EXTENT_COUNTER_OFFSET, 1) + 1;
    }

    long tick() {
        return buffer.getAndAddLong(CLOCK_OFFSET, 1) + 1;
    }

    long evictions() {
        return buffer.getLongVolatile(EVICTIONS_OFFSET);
    }

    void countEviction() {
        buffer.getAndAddLong(EVICTIONS_OFFSET, 1);
    }

    long restores() {
        return buffer.getLongVolatile(RESTORES_OFFSET);
    }

    void countRestore() {
        buffer.getAndAddLong(RESTORES_OFFSET, 1);
    }

    /**
     * Marks this control file as retired: its last process removed the store's files. Set under the host lock;
     * an opener that mapped the file before it was unlinked sees the mark once it holds the lock and starts over.
     */
    void retire() {
        buffer.putIntVolatile(RETIRED_OFFSET, 1);
    }

    boolean isRetired() {
        return buffer.getIntVolatile(RETIRED_OFFSET) != 0;
    }

    int processHighWater() {
        return buffer.getIntVolatile(PROCESS_HIGH_WATER_OFFSET);
    }

    // ---------------------------------------------------------------- process table

    /** Claims a free process entry for {@code pid}; -1 when every entry is taken. */
    int registerProcess(long pid, long startMillis) {
        for (int p = 0; p < maxProcesses; p++) {
            int offset = processOffset(p);
            if (buffer.getLongVolatile(offset + PROC_PID) == 0 && buffer.compareAndSetLong(offset + PROC_PID, 0, pid)) {
                buffer.putLongVolatile(offset + PROC_START, startMillis);
                int high;
                while ((high = buffer.getIntVolatile(PROCESS_HIGH_WATER_OFFSET)) < p + 1) {
                    buffer.compareAndSetInt(PROCESS_HIGH_WATER_OFFSET, high, p + 1);
                }
                return p;
            }
        }
        return -1;
    }

    long processPid(int process) {
        return buffer.getLongVolatile(processOffset(process) + PROC_PID);
    }

    boolean casProcessPid(int process, long expected, long update) {
        return buffer.compareAndSetLong(processOffset(process) + PROC_PID, expected, update);
    }

    void processStart(int process, long startMillis) {
        buffer.putLongVolatile(processOffset(process) + PROC_START, startMillis);
    }

    long processStart(int process) {
        return buffer.getLongVolatile(processOffset(process) + PROC_START);
    }

    void releaseProcess(int process) {
        int offset = processOffset(process);
        buffer.putLongVolatile(offset + PROC_START, 0);
        buffer.putLongVolatile(offset + PROC_PID, 0);
    }

    private int processOffset(int process) {
        return processTableOffset + process * PROCESS_ENTRY_LENGTH;
    }

    // ---------------------------------------------------------------- slots

    int state(int slot) {
        return buffer.getIntVolatile(slotOffset(slot) + SLOT_STATE);
    }

    boolean casState(int slot, int expected, int update) {
        return buffer.compareAndSetInt(slotOffset(slot) + SLOT_STATE, expected, update);
    }

    void state(int slot, int state) {
        buffer.putIntVolatile(slotOffset(slot) + SLOT_STATE, state);
    }

    int owner(int slot) {
        return buffer.getIntVolatile(slotOffset(slot) + SLOT_OWNER);
    }

    void owner(int slot, int process) {
        buffer.putIntVolatile(slotOffset(slot) + SLOT_OWNER, process);
    }

    long idHigh(int slot) {
        return buffer.getLongVolatile(slotOffset(slot) + SLOT_ID_HIGH);
    }

    long idLow(int slot) {
        return buffer.getLongVolatile(slotOffset(slot) + SLOT_ID_LOW);
    }

    boolean idEquals(int slot, long high, long low) {
        int offset = slotOffset(slot);
        return buffer.getLongVolatile(offset + SLOT_ID_HIGH) == high && buffer.getLongVolatile(offset + SLOT_ID_LOW) == low;
    }

    long size(int slot) {
        return buffer.getLongVolatile(slotOffset(slot) + SLOT_SIZE);
    }

    long generation(int slot) {
        return buffer.getLongVolatile(slotOffset(slot) + SLOT_GENERATION);
    }

    /** Bumped whenever the slot gets a new memory file, so cached mappings of an older file are recognised. */
    long nextGeneration(int slot) {
        return buffer.getAndAddLong(slotOffset(slot) + SLOT_GENERATION, 1) + 1;
    }

    long lastAccess(int slot) {
        return buffer.getLongVolatile(slotOffset(slot) + SLOT_LAST_ACCESS);
    }

    void lastAccess(int slot, long tick) {
        buffer.putLongOrdered(slotOffset(slot) + SLOT_LAST_ACCESS, tick);
    }

    int typeTag(int slot) {
        return buffer.getIntVolatile(slotOffset(slot) + SLOT_TYPE_TAG);
    }

    int flags(int slot) {
        return buffer.getIntVolatile(slotOffset(slot) + SLOT_FLAGS);
    }

    void flags(int slot, int flags) {
        buffer.putIntVolatile(slotOffset(slot) + SLOT_FLAGS, flags);
    }

    /** The extent (memory file) of the object in {@code slot}; meaningful while the object is in memory. */
    long extent(int slot) {
        return buffer.getLongVolatile(slotOffset(slot) + SLOT_EXTENT);
    }

    void extent(int slot, long extent) {
        buffer.putLongVolatile(slotOffset(slot) + SLOT_EXTENT, extent);
    }

    /**
     * Fills a free slot for a new object and publishes it as {@code state} last, so a lock-free reader that
     * sees the state also sees the id, and a reader that raced with the fill sees a new generation.
     */
    long initSlot(int slot, long high, long low, long size, int typeTag, int owner, long extent, int state) {
        int offset = slotOffset(slot);
        long generation = nextGeneration(slot);
        buffer.putLongVolatile(offset + SLOT_ID_HIGH, high);
        buffer.putLongVolatile(offset + SLOT_ID_LOW, low);
        buffer.putLongVolatile(offset + SLOT_SIZE, size);
        buffer.putLongVolatile(offset + SLOT_LAST_ACCESS, tick());
        buffer.putIntVolatile(offset + SLOT_TYPE_TAG, typeTag);
        buffer.putIntVolatile(offset + SLOT_FLAGS, 0);
        buffer.putLongVolatile(offset + SLOT_EXTENT, extent);
        buffer.putIntVolatile(offset + SLOT_OWNER, owner);
        buffer.putIntVolatile(offset + SLOT_STATE, state);
        return generation;
    }

    private int slotOffset(int slot) {
        return slotTableOffset + slot * SLOT_LENGTH;
    }

    // ---------------------------------------------------------------- pins

    /** Adds to this process's pin cell of {@code slot}; a full fence, see the class comment. */
    int addPin(int slot, int process, int delta) {
        return buffer.getAndAddInt(pinOffset(slot, process), delta) + delta;
    }

    int pins(int slot, int process) {
        return buffer.getIntVolatile(pinOffset(slot, process));
    }

    void clearPins(int slot, int process) {
        buffer.putIntVolatile(pinOffset(slot, process), 0);
    }

    /** Sets this process's pin cell; only under the host lock, when no thread of that process pins concurrently. */
    void setPins(int slot, int process, int pins) {
        buffer.putIntVolatile(pinOffset(slot, process), pins);
    }

    /** True when any process pins {@code slot}; reads only the cells of entries ever used. */
    boolean isPinned(int slot) {
        int base = pinOffset(slot, 0);
        for (int p = 0, high = processHighWater(); p < high; p++) {
            if (buffer.getIntVolatile(base + p * Integer.BYTES) != 0) {
                return true;
            }
        }
        return false;
    }

    private int pinOffset(int slot, int process) {
        return pinTableOffset + (slot * maxProcesses + process) * Integer.BYTES;
    }

    // ---------------------------------------------------------------- pool

    /** The extent pooled in {@code entry}, 0 when the entry is free. */
    long poolExtent(int entry) {
        return buffer.getLongVolatile(poolOffset(entry) + POOL_EXTENT);
    }

    long poolLength(int entry) {
        return buffer.getLongVolatile(poolOffset(entry) + POOL_LENGTH);
    }

    long pooledAt(int entry) {
        return buffer.getLongVolatile(poolOffset(entry) + POOL_AT);
    }

    /** Fills a free entry, publishing the extent last; under the host lock. */
    void setPoolEntry(int entry, long extent, long length, long tick) {
        int offset = poolOffset(entry);
        buffer.putLongVolatile(offset + POOL_LENGTH, length);
        buffer.putLongVolatile(offset + POOL_AT, tick);
        buffer.putLongVolatile(offset + POOL_EXTENT, extent);
    }

    void clearPoolEntry(int entry) {
        buffer.putLongVolatile(poolOffset(entry) + POOL_EXTENT, 0);
    }

    private int poolOffset(int entry) {
        return poolTableOffset + entry * POOL_ENTRY_LENGTH;
    }

    /** Unmaps the file; the objects and the file itself stay for other processes. */
    @Override
    public void close() {
        IoUtil.unmap(mapped);
    }
}
