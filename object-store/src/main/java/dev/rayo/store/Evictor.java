package dev.rayo.store;

import dev.rayo.api.exception.ObjectStoreFullException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

import static dev.rayo.store.ControlFile.CREATING;
import static dev.rayo.store.ControlFile.FLAG_SPILL_COPY;
import static dev.rayo.store.ControlFile.RESTORING;
import static dev.rayo.store.ControlFile.SEALED;
import static dev.rayo.store.ControlFile.SPILLED;
import static dev.rayo.store.ControlFile.SPILLING;

/**
 * Finds the memory of new and restored objects within the host's capacity, moving least recently used objects
 * to the spill directory and back.
 *
 * <p><b>Why.</b> The store must accept more data than memory holds without its callers managing space. Pooled
 * bytes count against the capacity; when a new object does not fit, pooled files are released first (oldest
 * first), then unpinned sealed objects are spilled, least recently used first, and restored transparently by a
 * later get. {@link ObjectStoreFullException} is thrown only when pinned and unsealed objects alone leave no room
 * or the spill directory is full; nothing is left behind in that case.
 *
 * <p><b>State owned.</b> The moves of objects between memory and disk: the SPILLING and RESTORING states (and
 * their return to SEALED or SPILLED), the spill copies and the flag recording them, the host's evicting and
 * spilled byte counters, and this process's scratch arrays for choosing victims (guarded by the host lock).
 * Victims are chosen and marked SPILLING under the host lock, copied to disk outside it.
 */
final class Evictor {
    /** Outcomes of {@link #makeRoomLocked}: the bytes are reserved. */
    static final int RESERVED = 0;
    /** Victims were marked SPILLING: spill them ({@link #victimsLocked()}), then try again. */
    static final int EVICT = 1;
    /** Spills by others will free enough: wait, then try again. */
    static final int WAIT = 2;
    /** Nothing can be spilled: the store is full ({@link #fullReason()}). */
    static final int FULL = 3;

    private static final int MODE_CREATE = 0;
    private static final int MODE_RESTORE = 1;
    private static final int SLOT_BITS = 22;
    private static final long PARK_NANOS = 50_000;
    private static final int SPINS = 100;

    private final ControlFile control;
    private final HostLock lock;
    private final ObjectFiles files;
    private final SpillDirectory spill;
    private final MappingCache cache;
    private final FilePool pool;
    private final ObjectTable table;
    private final Runnable sweepDeadProcesses;
    private final int process;
    private final long stallNanos;
    private final int stallWaits;

    // Guarded by the host lock.
    private long[] candidateKeys;
    private int[] victimSlots;
    private int victimCount;
    private String fullReason;

    /**
     * Where a new object's memory comes from: its slot, its extent (memory file) and, when that file was taken
     * from the pool, the file's length ({@code >= size}, see {@link FilePool#mapForWrite}), else -1.
     */
    record Reservation(int slot, long extent, long recycledLength) {
    }

    /**
     * Reserves for process entry {@code process}. {@code sweepDeadProcesses} runs the crash sweep (it fails once
     * the store is closed); {@code stallCheckNanos} is how long to wait on spills and restores of other processes
     * before sweeping in case they died ({@link StoreConfig#stallCheckInterval()}).
     */
    Evictor(ControlFile control, HostLock lock, ObjectFiles files, SpillDirectory spill, MappingCache cache,
        FilePool pool, ObjectTable table, Runnable sweepDeadProcesses, int process, long stallCheckNanos) {
        this.control = control;
        this.lock = lock;
        this.files = files;
        this.spill = spill;
        this.cache = cache;
        this.pool = pool;
        this.table = table;
        this.sweepDeadProcesses = sweepDeadProcesses;
        this.process = process;
        this.stallNanos = stallCheckNanos;
        this.stallWaits = (int)Math.max(1, Math.min(Integer.MAX_VALUE, stallCheckNanos / PARK_NANOS));
    }

    /**
     * Inserts the slot of a new object as CREATING, owned by this process, with its bytes reserved, spilling
     * others when needed. A pooled file of a fitting length is taken (renamed to the object's name) when there is
     * one; otherwise the reservation names a fresh extent and the caller creates the file.
     *
     * @throws IllegalArgumentException when the id exists already
     * @throws ObjectStoreFullException when the table or the memory is full even after spilling
     */
    Reservation reserveNew(String objectId, long high, long low, long size, int typeTag) {
        return reserve(MODE_CREATE, -1, objectId, high, low, size, typeTag);
    }

    /**
     * Reserves memory for a new object (inserting its slot as CREATING) or for restoring a spilled one
     * (moving it to RESTORING), spilling others when needed. Returns null when the slot to restore changed state
     * meanwhile.
     */
    private Reservation reserve(int mode, int slot, String objectId, long high, long low, long size, int typeTag) {
        boolean swept = false;
        long waitingSince = 0;
        while (true) {
            int outcome;
            int[] victims = null;
            lock.lock();
            try {
                if (mode == MODE_CREATE) {
                    if (table.find(high, low) >= 0) {
                        throw new IllegalArgumentException("object " + objectId + " already exists");
                    }
                } else if (control.state(slot) != SPILLED || !control.idEquals(slot, high, low)) {
                    return null;
                }
                int target = slot;
                if (mode == MODE_CREATE) {
                    target = table.insertionSlotLocked(high, low);
                    if (target < 0) {
                        throw new ObjectStoreFullException("object table full: " + control.slotCount()
                            + " objects in memory and spilled (StoreConfig.maxObjects)");
                    }
                }
                int entry = pool.pickLocked(size);
                outcome = entry >= 0 ? RESERVED : makeRoomLocked(size);
                if (outcome == RESERVED) {
                    long extent = entry >= 0 ? control.poolExtent(entry) : control.nextExtent();
                    if (mode == MODE_RESTORE) {
                        control.nextGeneration(slot);
                        control.extent(slot, extent);
                        control.owner(slot, process);
                        control.state(slot, RESTORING);
                    } else {
                        control.initSlot(target, high, low, size, typeTag, process, extent, CREATING);
                    }
                    long recycled = entry >= 0 ? pool.takeLocked(entry, target, size, files.path(high, low)) : -1;
                    return new Reservation(target, control.extent(target), recycled);
                }
                if (outcome == EVICT) {
                    victims = victimsLocked();
                }
            } finally {
                lock.unlock();
            }
            if (outcome == EVICT) {
                spill(victims);
                waitingSince = 0;
            } else if (outcome == WAIT) {
                long now = System.nanoTime();
                if (waitingSince == 0) {
                    waitingSince = now;
                } else if (now - waitingSince > stallNanos) {
                    // Spills by others take long: make sure none of them died holding the space.
                    sweepDeadProcesses.run();
                    waitingSince = now;
                }
                LockSupport.parkNanos(PARK_NANOS);
            } else if (!swept) {
                swept = true;
                sweepDeadProcesses.run();
            } else {
                throw new ObjectStoreFullException("cannot fit object " + objectId + " of " + size + " bytes: "
                    + fullReason);
            }
        }
    }

    /**
     * Under the host lock: reserves {@code size} bytes when they are free, releasing pooled files first if
     * needed; otherwise marks least recently used unpinned objects SPILLING (see {@link #victimsLocked()}) for
     * the caller to {@link #spill} outside the lock. Returns {@link #RESERVED}, {@link #EVICT}, {@link #WAIT} or
     * {@link #FULL}.
     */
    int makeRoomLocked(long size) {
        long capacity = control.capacity();
        long used = control.usedBytes();
        long pooled = control.pooledBytes();
        if (size > capacity - used - pooled && pooled > 0) {
            pool.releaseOldestLocked(size - (capacity - used - pooled));
            pooled = control.pooledBytes();
        }
        if (size <= capacity - used - pooled) {
            control.addUsedBytes(size);
            return RESERVED;
        }
        long evicting = control.evictingBytes();
        long needed = size - (capacity - used - pooled) - evicting;
        if (needed <= 0) {
            return WAIT;
        }
        int slotCount = control.slotCount();
        if (candidateKeys == null) {
            candidateKeys = new long[slotCount];
            victimSlots = new int[slotCount];
        }
        long[] keys = candidateKeys;
        int n = 0;
        for (int slot = 0; slot < slotCount; slot++) {
            if (control.state(slot) == SEALED && !control.isPinned(slot)) {
                keys[n++] = (control.lastAccess(slot) << SLOT_BITS) | slot;
            }
        }
        Arrays.sort(keys, 0, n);

        long spillRoom = Math.min(control.spillCapacity() - control.spillUsedBytes(), spill.usableSpace());
        long chosen = 0;
        victimCount = 0;
        boolean spillFull = false;
        for (int i = 0; i < n && chosen < needed; i++) {
            int slot = (int)(keys[i] & ((1 << SLOT_BITS) - 1));
            long victimSize = control.size(slot);
            boolean hasCopy = (control.flags(slot) & FLAG_SPILL_COPY) != 0;
            if (!hasCopy && victimSize > spillRoom) {
                spillFull = true;
                continue;
            }
            if (!control.casState(slot, SEALED, SPILLING)) {
                continue;
            }
            if (control.isPinned(slot)) {
                // A reader pinned it between the scan and the state change; it wins.
                control.state(slot, SEALED);
                continue;
            }
            control.owner(slot, process);
            control.addEvictingBytes(victimSize);
            if (!hasCopy) {
                control.addSpillUsedBytes(victimSize);
                spillRoom -= victimSize;
            }
            victimSlots[victimCount++] = slot;
            chosen += victimSize;
        }
        if (victimCount > 0) {
            return EVICT;
        }
        if (evicting > 0) {
            return WAIT;
        }
        fullReason = "capacity " + capacity + " bytes, " + used + " in use by pinned or unsealed objects"
            + (spillFull ? ", spill directory full (" + spill.directory() + ")" : "");
        return FULL;
    }

    /** Under the host lock, after {@link #makeRoomLocked} returned {@link #EVICT}: the slots it marked SPILLING. */
    int[] victimsLocked() {
        return Arrays.copyOf(victimSlots, victimCount);
    }

    /** Why the last {@link #makeRoomLocked} returned {@link #FULL}. */
    String fullReason() {
        return fullReason;
    }

    /**
     * Outside the host lock: copies the SPILLING {@code victims} (unless a spill copy is up to date) and frees
     * their memory files, or returns a victim to SEALED when its copy failed.
     *
     * @throws ObjectStoreFullException when no victim could be spilled
     */
    void spill(int[] victims) {
        IOException failure = null;
        int spilled = 0;
        for (int slot : victims) {
            long high = control.idHigh(slot);
            long low = control.idLow(slot);
            long size = control.size(slot);
            int flags = control.flags(slot);
            boolean hasCopy = (flags & FLAG_SPILL_COPY) != 0;
            Path objectFile = files.path(high, low);
            IOException error = null;
            if (!hasCopy) {
                try {
                    spill.write(objectFile, spill.path(high, low), size);
                } catch (IOException ex) {
                    error = ex;
                }
            }
            lock.lock();
            try {
                control.addEvictingBytes(-size);
                if (error == null) {
                    // Under the lock: once SPILLED, a restorer may create the file again. Pooled when there is
                    // room, so that the create that needed the space may take the file over, pages and all.
                    pool.releaseFileLocked(slot);
                    control.flags(slot, flags | FLAG_SPILL_COPY);
                    control.owner(slot, -1);
                    control.state(slot, SPILLED);
                    control.addUsedBytes(-size);
                    control.countEviction();
                    spilled++;
                } else {
                    control.addSpillUsedBytes(-size);
                    control.owner(slot, -1);
                    control.state(slot, SEALED);
                    failure = error;
                }
            } finally {
                lock.unlock();
            }
        }
        if (spilled == 0 && failure != null) {
            throw new ObjectStoreFullException("cannot spill to " + spill.directory() + ": " + failure, failure);
        }
    }

    /**
     * Brings the SPILLED object in {@code slot} back into memory (which may spill others) and leaves it SEALED;
     * does nothing when the slot changed state meanwhile. The caller then pins it as any sealed object.
     */
    void restore(String objectId, int slot, long high, long low) {
        long size = control.size(slot);
        Reservation reserved = reserve(MODE_RESTORE, slot, objectId, high, low, size, 0);
        if (reserved == null) {
            return;
        }
        Path objectFile = files.path(high, low);
        MappingCache.Mapping mapping = null;
        try {
            mapping = pool.mapForWrite(slot, reserved.extent(), reserved.recycledLength(), objectFile, size);
            spill.read(spill.path(high, low), mapping.buffer.slice(0, (int)size));
        } catch (IOException | RuntimeException ex) {
            cache.retire(reserved.extent());
            if (mapping != null) {
                cache.release(mapping);
            }
            lock.lock();
            try {
                ObjectFiles.delete(objectFile);
                control.advanceMemoryEpoch();
                control.addUsedBytes(-size);
                control.owner(slot, -1);
                control.state(slot, SPILLED);
            } finally {
                lock.unlock();
            }
            throw new UncheckedIOException("cannot restore object " + objectId + " from " + spill.directory(),
                ex instanceof IOException io ? io : new IOException(ex));
        }
        control.lastAccess(slot, control.tick());
        control.owner(slot, -1);
        control.state(slot, SEALED);
        cache.release(mapping);
        control.countRestore();
    }

    /**
     * One wait, the {@code waits}-th, for {@code slot} to leave SPILLING or RESTORING: spins, then parks; now and
     * then checks that the process moving it is alive, and sweeps it when it is not.
     */
    void awaitTransition(int slot, int waits) {
        if (waits < SPINS) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(PARK_NANOS);
            if (waits % stallWaits == 0 && ProcessSweeper.ownerDied(control, slot)) {
                sweepDeadProcesses.run();
            }
        }
    }
}
