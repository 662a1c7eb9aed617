package dev.rayo.store;

import dev.rayo.api.exception.ObjectStoreFullException;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.LongHashSet;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static dev.rayo.store.ControlFile.CREATING;
import static dev.rayo.store.ControlFile.DELETE_PENDING;
import static dev.rayo.store.ControlFile.FLAG_SPILL_COPY;
import static dev.rayo.store.ControlFile.FREE;
import static dev.rayo.store.ControlFile.RESTORING;
import static dev.rayo.store.ControlFile.SEALED;
import static dev.rayo.store.ControlFile.SPILLED;
import static dev.rayo.store.ControlFile.SPILLING;
import static dev.rayo.store.ControlFile.TOMBSTONE;

/**
 * The host's shared-memory object store (Ray's Plasma on the JVM): one memory-mapped file per object under a
 * memory-backed directory, and a memory-mapped {@link ControlFile} through which every JVM on the host agrees
 * on which objects exist, their state, who pins them and how many bytes are in use.
 *
 * <p><b>Zero copy.</b> Readers map the writer's file; {@link #get} costs a table probe, a pin and, the first
 * time in a process, one {@code mmap} whose cost does not depend on the object's size. Mappings are cached per
 * process, per memory file (extent), until the file is unlinked.
 *
 * <p><b>Recycled memory files.</b> Allocating fresh tmpfs pages (fault, zero, map) costs several times a plain
 * memory copy, so a freed file (its object deleted and unpinned in every process, or spilled) is renamed into a
 * host-wide pool instead of unlinked, up to {@link StoreConfig#poolCapacityBytes()}. A create or restore of at
 * most its length (and at least half of it) takes it back: its pages exist already and, in a process that mapped
 * it before, the write goes through the same cached mapping without a single page fault. A file is pooled only
 * once nothing of its previous object can be reached: no reader, no GC-tied view, no writer. Recycled files are
 * not zeroed: every object is written whole before it is sealed.
 *
 * <p><b>Capacity.</b> Pooled bytes count against the capacity. When a new object does not fit, pooled files are
 * released first (oldest first), then unpinned sealed objects are spilled to the spill directory, least recently
 * used first, and restored transparently by {@link #get}. {@link ObjectStoreFullException} is
 * thrown only when pinned and unsealed objects alone leave no room, or the spill directory is full; nothing is
 * left behind in that case.
 *
 * <p><b>Crashes.</b> A process that dies leaves its pins and unsealed objects in the control file; any survivor
 * reclaims them in {@link #sweepDeadProcesses()}, which runs when a store opens, periodically on a daemon
 * thread, and before giving up on space.
 *
 * <p><b>Views tied to the GC.</b> {@link ReadableObject#retainedView()} pins an object for as long as its view
 * (or any buffer derived from it) is reachable. Closing the store does not invalidate such views: this process
 * then stays attached, holding only those pins, until the last view is collected.
 *
 * <p><b>Clean-up.</b> When the last attached process detaches and the store holds no object (in memory or
 * spilled), that process removes the store directory and the spill directory, so nothing is left in
 * {@code /dev/shm}. It does so under the host lock and marks the control file retired first, so a process
 * opening the directory at the same moment starts over with a fresh control file instead of joining a store
 * whose files are being removed.
 *
 * <p><b>Limits.</b> An object holds at most {@link StoreConfig#MAX_OBJECT_BYTES} bytes (2 GiB - 1, the reach
 * of a {@link java.nio.ByteBuffer}). Buffers handed out stay valid only until their object is closed (and a
 * writer's only until {@code seal}/{@code close}); touching them later may crash the JVM, as they are unmapped.
 * Closing the store closes every object it handed out. A writer's buffer must not be written after
 * {@code seal}: the file may by then hold another object.
 */
public final class SharedObjectStore implements ObjectStore {
    private static final String CONTROL_FILE = "control";
    private static final String OBJECTS_DIR = "objects";
    private static final String POOL_DIR = "pool";
    private static final int SLOT_BITS = 22;

    private static final int RESERVED = 0;
    private static final int EVICT = 1;
    private static final int WAIT = 2;
    private static final int FULL = 3;

    private static final int MODE_CREATE = 0;
    private static final int MODE_RESTORE = 1;

    /**
     * Attempts at opening a directory that concurrent last-out processes keep retiring: spinning at first, then
     * backing off, so that a busy host (many openers and closers on few CPUs) does not exhaust them in a burst.
     */
    private static final int OPEN_ATTEMPTS = 1_000;
    private static final int OPEN_SPINS = 20;

    /** Releases the pins of GC-tied views; one daemon thread for every store of the JVM. */
    private static final Cleaner VIEW_CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "rayo-store-view-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    /** Thrown by the constructor when it attached to a control file retired under it; {@link #open} retries. */
    private static final class RetiredException extends Exception {
        RetiredException() {
            super(null, null, false, false);
        }
    }

    private final ControlFile control;
    private final ObjectFiles files;
    private final SpillDirectory spill;
    private final MappingCache cache;
    private final HostLock lock;
    private final int process;
    private final long pid;
    private final Set<SharedWritableObject> writers = ConcurrentHashMap.newKeySet();
    private final Set<SharedReadableObject> readers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService sweeper;
    private volatile long seenMemoryEpoch = -1;

    // Guarded by itself (taken before, never inside, the host lock): live GC-tied views per slot, each holding
    // one pin in this process's column, and whether close() left the final detach to the last of them.
    private final Int2IntHashMap viewPins = new Int2IntHashMap(0);
    private boolean detachDeferred;

    // Guarded by the host lock.
    private long[] candidateKeys;
    private int[] victimSlots;
    private int victimCount;
    private String fullReason;

    private SharedObjectStore(StoreConfig config) throws IOException, RetiredException {
        cache = new MappingCache(config.maxCachedMappings());
        Path directory = Files.createDirectories(config.directory());
        control = ControlFile.openOrCreate(directory.resolve(CONTROL_FILE), config);
        try {
            files = new ObjectFiles(directory.resolve(OBJECTS_DIR), directory.resolve(POOL_DIR));
            spill = new SpillDirectory(control.spillDirectory());
            pid = ProcessHandle.current().pid();
            long start = ProcessLiveness.currentStartMillis();
            int entry = control.registerProcess(pid, start);
            boolean adopted = false;
            if (entry < 0) {
                entry = adoptDeadEntry(start);
                adopted = true;
            }
            process = entry;
            lock = new HostLock(control, process);
            lockHost();
            try {
                if (control.isRetired()) {
                    // The last process of this store removed its files after we mapped the control file.
                    control.releaseProcess(process);
                    throw new RetiredException();
                }
                if (adopted) {
                    // Whatever the dead previous owner of this entry left is now ours to undo.
                    cleanupProcessLocked(process);
                }
                sweepLocked();
            } finally {
                unlockHost();
            }
        } catch (IOException | RuntimeException | RetiredException ex) {
            control.close();
            throw ex;
        }
        long period = config.sweepInterval().toMillis();
        if (period > 0) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "rayo-store-sweeper");
                thread.setDaemon(true);
                return thread;
            });
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            executor.scheduleWithFixedDelay(this::periodicSweep, period, period, TimeUnit.MILLISECONDS);
            sweeper = executor;
        } else {
            sweeper = null;
        }
    }

    /**
     * Opens (creating if needed) the store under {@code config.directory()} and attaches this process to it.
     *
     * @throws IllegalStateException when {@code maxProcesses} live store instances are already attached
     * @throws UncheckedIOException  when the directories or the control file can't be created
     */
    public static SharedObjectStore open(StoreConfig config) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new SharedObjectStore(config);
            } catch (RetiredException ex) {
                // A last-out process retired the files we found; the next attempt creates fresh ones.
            } catch (IOException ex) {
                if (!vanished(ex) || attempt >= OPEN_ATTEMPTS) {
                    throw new UncheckedIOException("cannot open object store in " + config.directory(), ex);
                }
            } catch (UncheckedIOException ex) {
                if (!vanished(ex.getCause()) || attempt >= OPEN_ATTEMPTS) {
                    throw ex;
                }
            }
            if (attempt < OPEN_SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(Math.min(attempt - OPEN_SPINS + 1, 100) * 10_000L);
            }
        }
    }

    /**
     * True for the errors of a file or directory removed by a concurrent last-out process: worth a retry.
     * {@link Files#createDirectories} reports a directory removed between its mkdir and its check as
     * {@link FileAlreadyExistsException}.
     */
    private static boolean vanished(Throwable ex) {
        return ex instanceof NoSuchFileException || ex instanceof FileNotFoundException
            || ex instanceof FileAlreadyExistsException;
    }

    private int adoptDeadEntry(long start) {
        for (int p = 0; p < control.maxProcesses(); p++) {
            long other = control.processPid(p);
            if (other != 0 && !ProcessLiveness.isAlive(other, control.processStart(p))
                && control.casProcessPid(p, other, pid)) {
                control.processStart(p, start);
                return p;
            }
        }
        throw new IllegalStateException("object store has " + control.maxProcesses()
            + " live processes attached already (maxProcesses)");
    }

    // ------------------------------------------------------------------------------------------- ObjectStore

    /**
     * {@inheritDoc}
     *
     * <p>The object is invisible to every reader until {@link WritableObject#seal()}. Space is reserved up
     * front, spilling least recently used objects if needed.
     *
     * @throws IllegalArgumentException when the id is not 32 hex digits, already exists (even as a deleted object
     *                                  still pinned by readers), or {@code sizeBytes} is negative or above
     *                                  {@link StoreConfig#MAX_OBJECT_BYTES} (2 GiB - 1)
     */
    @Override
    public WritableObject create(String objectId, long sizeBytes, int typeTag) {
        ensureOpen();
        ObjectId.validate(objectId);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative object size: " + sizeBytes);
        }
        if (sizeBytes > StoreConfig.MAX_OBJECT_BYTES) {
            throw new IllegalArgumentException("object " + objectId + " of " + sizeBytes
                + " bytes exceeds the 2 GiB limit of one object (" + StoreConfig.MAX_OBJECT_BYTES + " bytes)");
        }
        if (sizeBytes > control.capacity()) {
            throw new ObjectStoreFullException("object " + objectId + " of " + sizeBytes
                + " bytes is larger than the store capacity of " + control.capacity() + " bytes");
        }
        long high = ObjectId.high(objectId);
        long low = ObjectId.low(objectId);
        refreshMappings();
        Reservation reserved = reserve(MODE_CREATE, -1, objectId, high, low, sizeBytes, typeTag);
        int slot = reserved.slot();
        long generation = control.generation(slot);
        MappingCache.Mapping mapping;
        try {
            mapping = mapForWrite(slot, reserved, files.path(high, low), sizeBytes);
        } catch (IOException | RuntimeException ex) {
            abortSlot(slot, generation);
            throw new UncheckedIOException("cannot create the file of object " + objectId,
                ex instanceof IOException io ? io : new IOException(ex));
        }
        SharedWritableObject writer = new SharedWritableObject(this, objectId, slot, generation, sizeBytes, mapping);
        writers.add(writer);
        return writer;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A spilled object is restored into memory first (which may spill others). The returned object pins it:
     * it is neither spilled nor removed until closed.
     */
    @Override
    public Optional<ReadableObject> get(String objectId) {
        ensureOpen();
        ObjectId.validate(objectId);
        long high = ObjectId.high(objectId);
        long low = ObjectId.low(objectId);
        refreshMappings();
        int waits = 0;
        while (true) {
            int slot = find(high, low);
            if (slot < 0) {
                return Optional.empty();
            }
            long generation = control.generation(slot);
            int state = control.state(slot);
            if (!control.idEquals(slot, high, low)) {
                continue;
            }
            switch (state) {
                case SEALED -> {
                    control.addPin(slot, process, 1);
                    if (control.state(slot) == SEALED && control.generation(slot) == generation
                        && control.idEquals(slot, high, low)) {
                        control.lastAccess(slot, control.tick());
                        try {
                            return Optional.of(openPinned(objectId, slot, generation, high, low));
                        } catch (RuntimeException ex) {
                            unpin(slot);
                            throw ex;
                        }
                    }
                    unpin(slot);
                }
                case SPILLED -> restore(objectId, slot, high, low);
                case SPILLING, RESTORING -> awaitTransition(slot, waits++);
                default -> {
                    return Optional.empty();
                }
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public boolean contains(String objectId) {
        ensureOpen();
        ObjectId.validate(objectId);
        int slot = find(ObjectId.high(objectId), ObjectId.low(objectId));
        if (slot < 0) {
            return false;
        }
        int state = control.state(slot);
        return state == SEALED || state == SPILLING || state == SPILLED || state == RESTORING;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The object disappears for new readers at once; its memory and spill files go when the last reader,
     * in any process, closes it. Unsealed objects are not visible and are not deleted (their writer aborts
     * them): this returns false for them.
     */
    @Override
    public boolean delete(String objectId) {
        ensureOpen();
        ObjectId.validate(objectId);
        long high = ObjectId.high(objectId);
        long low = ObjectId.low(objectId);
        int waits = 0;
        while (true) {
            int slot;
            lockHost();
            try {
                slot = find(high, low);
                if (slot < 0) {
                    return false;
                }
                switch (control.state(slot)) {
                    case SEALED -> {
                        control.state(slot, DELETE_PENDING);
                        if (!control.isPinned(slot)) {
                            reclaimLocked(slot);
                        }
                        return true;
                    }
                    case SPILLED -> {
                        reclaimLocked(slot);
                        return true;
                    }
                    case SPILLING, RESTORING -> {
                        // Moving between memory and disk; wait for it to settle, outside the lock.
                    }
                    default -> {
                        return false;
                    }
                }
            } finally {
                unlockHost();
            }
            awaitTransition(slot, waits++);
        }
    }

    /** {@inheritDoc} This is the host-wide figure, shared by every process. */
    @Override
    public long capacityBytes() {
        ensureOpen();
        return control.capacity();
    }

    /** {@inheritDoc} This is the host-wide figure, shared by every process. */
    @Override
    public long usedBytes() {
        ensureOpen();
        return control.usedBytes();
    }

    /**
     * Detaches this process: aborts its unsealed objects, drops its pins (closing its readers), unmaps
     * everything. Objects stay on the host for other processes. Idempotent.
     *
     * <p>Views from {@link ReadableObject#retainedView()} stay valid: their pins are kept and this process
     * stays attached until the last of them is garbage collected. When this process is the last one attached
     * and no object is left (in memory or spilled), the store directory and the spill directory are removed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
            try {
                // The sweeper reads the control file; it must be done before the file is unmapped.
                sweeper.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        for (SharedWritableObject writer : writers) {
            writer.close();
        }
        // Unmap before the pins go: once unpinned, a file may be recycled for another object, and a buffer of this
        // closed store touched later must fault rather than show that object.
        readers.clear();
        cache.closeAll();
        boolean detachNow;
        synchronized (viewPins) {
            lockHost();
            try {
                // Drops every pin of this process except those of live GC-tied views.
                cleanupProcessLocked(process, viewPins);
                detachNow = viewPins.isEmpty();
                if (detachNow) {
                    control.releaseProcess(process);
                    retireIfLastLocked();
                } else {
                    detachDeferred = true;
                }
            } finally {
                unlockHost();
            }
        }
        if (detachNow) {
            control.close();
        }
    }

    // ------------------------------------------------------------------------------------------- extras

    /**
     * Reclaims what crashed processes left: their pins (completing deletes deferred on them), their unsealed
     * objects and their half-done spills and restores. Safe to call at any time, from any thread.
     *
     * @return the number of dead processes cleaned up
     */
    public int sweepDeadProcesses() {
        ensureOpen();
        lockHost();
        try {
            return sweepLocked();
        } finally {
            unlockHost();
        }
    }

    /** A snapshot of the host's figures; scans the object table. */
    public StoreStats stats() {
        ensureOpen();
        int inMemory = 0;
        int spilled = 0;
        int pooledFiles = 0;
        for (int entry = 0, n = control.poolEntries(); entry < n; entry++) {
            if (control.poolExtent(entry) != 0) {
                pooledFiles++;
            }
        }
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            int state = control.state(slot);
            if (state == SPILLED) {
                spilled++;
            } else if (state >= CREATING) {
                inMemory++;
            }
        }
        return new StoreStats(control.capacity(), control.usedBytes(), control.spillUsedBytes(), inMemory, spilled,
            control.evictions(), control.restores(), cache.size(), control.pooledBytes(), pooledFiles);
    }

    /** The memory-backed directory holding the control file and the object files. */
    public Path directory() {
        return files.directory().getParent();
    }

    /** The spill directory in use (recorded in the control file by the process that created it). */
    public Path spillDirectory() {
        return spill.directory();
    }

    // ------------------------------------------------------------------------------------------- objects

    private SharedReadableObject openPinned(String objectId, int slot, long generation, long high, long low) {
        long size = control.size(slot);
        long extent = control.extent(slot);
        MappingCache.Mapping mapping = cache.acquire(extent, slot, size);
        if (mapping == null) {
            // Read-write, so that a later create in this process recycling the file writes through it (readers
            // get read-only views of it).
            MappedByteBuffer buffer;
            try {
                buffer = files.mapReadWrite(files.path(high, low), size, false);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot map object " + objectId, ex);
            }
            mapping = cache.install(extent, slot, size, buffer);
        }
        SharedReadableObject reader = new SharedReadableObject(this, objectId, slot, control.typeTag(slot),
            (int)size, mapping);
        readers.add(reader);
        return reader;
    }

    void release(SharedReadableObject reader) {
        if (closed.get() || !readers.remove(reader)) {
            return;
        }
        cache.release(reader.mapping());
        unpin(reader.slot());
    }

    /**
     * Pins {@code slot} once more for a GC-tied view and maps it afresh. The caller's open reader pins the slot,
     * so its file is in place. The view's pin is released by {@link #VIEW_CLEANER} once the mapping's root
     * buffer (which every derived JDK buffer references) is unreachable; the root itself is never unmapped here.
     */
    ByteBuffer retainView(String objectId, int slot, int size) {
        synchronized (viewPins) {
            ensureOpen();
            control.addPin(slot, process, 1);
            viewPins.put(slot, viewPins.get(slot) + 1);
        }
        MappedByteBuffer root;
        try {
            root = ObjectFiles.mapView(files.path(control.idHigh(slot), control.idLow(slot)), size);
        } catch (IOException | RuntimeException ex) {
            releaseView(slot);
            throw new UncheckedIOException("cannot map a view of object " + objectId,
                ex instanceof IOException io ? io : new IOException(ex));
        }
        // The action must not reference the root, or the root would never become unreachable.
        VIEW_CLEANER.register(root, new ViewRelease(this, slot));
        return root;
    }

    /** The clean-up action of one GC-tied view: a static class so that it holds no reference to the view. */
    private record ViewRelease(SharedObjectStore store, int slot) implements Runnable {
        @Override
        public void run() {
            store.releaseView(slot);
        }
    }

    /** Drops one view's pin; completes a deferred delete, and a deferred detach after the last view. */
    private void releaseView(int slot) {
        boolean detach;
        synchronized (viewPins) {
            int left = viewPins.get(slot) - 1;
            if (left <= 0) {
                viewPins.remove(slot);
            } else {
                viewPins.put(slot, left);
            }
            control.addPin(slot, process, -1);
            detach = detachDeferred && viewPins.isEmpty();
        }
        // Views are released on the one cleaner thread, so the control file stays mapped until the detach below.
        reclaimIfDeletePending(slot);
        if (detach) {
            // close() ran while views were alive; the last one finishes the detach (deferred deletes included).
            lockHost();
            try {
                cleanupProcessLocked(process);
                control.releaseProcess(process);
                retireIfLastLocked();
            } finally {
                unlockHost();
            }
            control.close();
        }
    }

    void seal(SharedWritableObject writer) {
        ensureOpen();
        int slot = writer.slot();
        // The writer's mapping is in the cache already: a reader of this process that pins the object right
        // after the seal finds it.
        if (!control.casState(slot, CREATING, SEALED)) {
            // The writer stays open; its close() drops the mapping.
            cache.retire(writer.mapping().extent);
            throw new IllegalStateException("object " + writer.objectId() + " is no longer being created");
        }
        control.lastAccess(slot, control.tick());
        writers.remove(writer);
        cache.release(writer.mapping());
    }

    void abort(SharedWritableObject writer) {
        writers.remove(writer);
        // Unmapped rather than cached: the file may be recycled at once, and a stale buffer of the aborted
        // writer must not write into another object.
        cache.retire(writer.mapping().extent);
        cache.release(writer.mapping());
        if (!closed.get()) {
            abortSlot(writer.slot(), writer.generation());
        }
    }

    private void abortSlot(int slot, long generation) {
        lockHost();
        try {
            if (control.state(slot) == CREATING && control.owner(slot) == process
                && control.generation(slot) == generation) {
                reclaimLocked(slot);
            }
        } finally {
            unlockHost();
        }
    }

    private void unpin(int slot) {
        control.addPin(slot, process, -1);
        reclaimIfDeletePending(slot);
    }

    private void reclaimIfDeletePending(int slot) {
        if (control.state(slot) == DELETE_PENDING) {
            lockHost();
            try {
                if (control.state(slot) == DELETE_PENDING && !control.isPinned(slot)) {
                    reclaimLocked(slot);
                }
            } finally {
                unlockHost();
            }
        }
    }

    // ------------------------------------------------------------------------------------------- space

    /**
     * Reserves memory for a new object (inserting its slot as CREATING) or for restoring a spilled one
     * (moving it to RESTORING), spilling others when needed. Returns the slot, or -1 when a slot to restore
     * changed state meanwhile. A pooled file of a fitting length is taken (renamed to the object's name) when
     * there is one; otherwise the reservation names a fresh extent and the caller creates the file.
     */
    private Reservation reserve(int mode, int slot, String objectId, long high, long low, long size, int typeTag) {
        boolean swept = false;
        long waitingSince = 0;
        while (true) {
            int outcome;
            int[] victims = null;
            lockHost();
            try {
                if (mode == MODE_CREATE) {
                    if (find(high, low) >= 0) {
                        throw new IllegalArgumentException("object " + objectId + " already exists");
                    }
                } else if (control.state(slot) != SPILLED || !control.idEquals(slot, high, low)) {
                    return null;
                }
                int target = slot;
                if (mode == MODE_CREATE) {
                    target = insertionSlotLocked(high, low);
                    if (target < 0) {
                        throw new ObjectStoreFullException("object table full: " + control.slotCount()
                            + " objects in memory and spilled (StoreConfig.maxObjects)");
                    }
                }
                int entry = pickPoolEntryLocked(size);
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
                    long recycled = entry >= 0 ? takePooledLocked(entry, target, size, files.path(high, low)) : -1;
                    return new Reservation(target, control.extent(target), recycled);
                }
                if (outcome == EVICT) {
                    victims = Arrays.copyOf(victimSlots, victimCount);
                }
            } finally {
                unlockHost();
            }
            if (outcome == EVICT) {
                spillVictims(victims);
                waitingSince = 0;
            } else if (outcome == WAIT) {
                long now = System.nanoTime();
                if (waitingSince == 0) {
                    waitingSince = now;
                } else if (now - waitingSince > TimeUnit.MILLISECONDS.toNanos(100)) {
                    // Spills by others take long: make sure none of them died holding the space.
                    sweepDeadProcesses();
                    waitingSince = now;
                }
                LockSupport.parkNanos(50_000);
            } else if (!swept) {
                swept = true;
                sweepDeadProcesses();
            } else {
                throw new ObjectStoreFullException("cannot fit object " + objectId + " of " + size + " bytes: "
                    + fullReason);
            }
        }
    }

    /**
     * Where a new object's memory comes from: its slot, its extent (memory file) and, when that file was taken
     * from the pool, the file's length ({@code >= size}, the caller truncates it), else -1 (the caller creates it).
     */
    private record Reservation(int slot, long extent, long recycledLength) {
    }

    /**
     * Maps the reserved file of a new or restored object read-write, with a reference taken in the cache:
     * creates it, or truncates a recycled one and reuses this process's mapping of it when there is one.
     */
    private MappingCache.Mapping mapForWrite(int slot, Reservation reserved, Path file, long size) throws IOException {
        long extent = reserved.extent();
        if (reserved.recycledLength() < 0) {
            return cache.install(extent, slot, size, files.create(file, size));
        }
        if (reserved.recycledLength() > size) {
            ObjectFiles.truncate(file, size);
        }
        MappingCache.Mapping mapping = cache.acquire(extent, slot, size);
        if (mapping != null) {
            return mapping;
        }
        return cache.install(extent, slot, size, files.mapReadWrite(file, size, true));
    }

    /**
     * Under the host lock: the pooled file best fitting an object of {@code size} bytes (the shortest of those
     * at least {@code size} and at most twice it long), or -1.
     */
    private int pickPoolEntryLocked(long size) {
        if (size < StoreConfig.MIN_POOLED_FILE_BYTES || control.pooledBytes() == 0) {
            return -1;
        }
        int best = -1;
        long bestLength = Long.MAX_VALUE;
        for (int entry = 0, n = control.poolEntries(); entry < n; entry++) {
            if (control.poolExtent(entry) != 0) {
                long length = control.poolLength(entry);
                if (length >= size && length / 2 <= size && length < bestLength) {
                    best = entry;
                    bestLength = length;
                }
            }
        }
        return best;
    }

    /**
     * Under the host lock: moves the file of pool {@code entry} to {@code target}, the file of the object just
     * reserved in {@code slot} (whose extent is the entry's), and moves its bytes from pooled to used. Returns
     * the file's length, or -1 when the file could not be taken: the slot then gets a fresh extent, and the
     * caller creates the file.
     */
    private long takePooledLocked(int entry, int slot, long size, Path target) {
        long extent = control.poolExtent(entry);
        long length = control.poolLength(entry);
        // Entry first: a crash before the rename leaves an orphan pool file, which recovery deletes.
        control.clearPoolEntry(entry);
        control.addPooledBytes(-length);
        control.addUsedBytes(size);
        try {
            ObjectFiles.move(files.poolPath(extent), target);
            return length;
        } catch (IOException ex) {
            ObjectFiles.delete(files.poolPath(extent));
            cache.retire(extent);
            control.advanceMemoryEpoch();
            control.extent(slot, control.nextExtent());
            return -1;
        }
    }

    /**
     * Under the host lock: the memory file of the object in {@code slot} is no longer needed (nothing of the
     * object is pinned anywhere): pools it, or unlinks it. Leaves the byte counters of the object alone.
     */
    private void releaseFileLocked(int slot) {
        long extent = control.extent(slot);
        Path file = files.path(control.idHigh(slot), control.idLow(slot));
        if (!poolFileLocked(file, extent)) {
            ObjectFiles.delete(file);
            cache.retire(extent);
            control.advanceMemoryEpoch();
        }
    }

    /** Under the host lock: renames a freed file into the pool when it is worth it and there is room. */
    private boolean poolFileLocked(Path file, long extent) {
        long capacity = control.poolCapacity();
        if (extent == 0 || capacity < StoreConfig.MIN_POOLED_FILE_BYTES) {
            return false;
        }
        long length;
        try {
            // The file's own length: a recycled file whose owner died before truncating it is longer than its object.
            length = Files.size(file);
        } catch (IOException gone) {
            return false;
        }
        if (length < StoreConfig.MIN_POOLED_FILE_BYTES || control.pooledBytes() + length > capacity) {
            return false;
        }
        int free = -1;
        for (int entry = 0, n = control.poolEntries(); entry < n && free < 0; entry++) {
            if (control.poolExtent(entry) == 0) {
                free = entry;
            }
        }
        if (free < 0) {
            return false;
        }
        try {
            // File first: a crash before the entry is written leaves an orphan pool file, which recovery deletes.
            ObjectFiles.move(file, files.poolPath(extent));
        } catch (IOException ex) {
            return false;
        }
        control.setPoolEntry(free, extent, length, control.tick());
        control.addPooledBytes(length);
        return true;
    }

    /** Under the host lock: unlinks pooled files, oldest first, until {@code bytes} are freed or none is left. */
    private void releasePooledLocked(long bytes) {
        long freed = 0;
        while (freed < bytes) {
            int oldest = -1;
            long oldestAt = Long.MAX_VALUE;
            for (int entry = 0, n = control.poolEntries(); entry < n; entry++) {
                if (control.poolExtent(entry) != 0 && control.pooledAt(entry) < oldestAt) {
                    oldest = entry;
                    oldestAt = control.pooledAt(entry);
                }
            }
            if (oldest < 0) {
                break;
            }
            long extent = control.poolExtent(oldest);
            long length = control.poolLength(oldest);
            control.clearPoolEntry(oldest);
            control.addPooledBytes(-length);
            ObjectFiles.delete(files.poolPath(extent));
            cache.retire(extent);
            freed += length;
        }
        if (freed > 0) {
            control.advanceMemoryEpoch();
        }
    }

    /**
     * Under the host lock: reserves {@code size} bytes when they are free, releasing pooled files first if
     * needed; otherwise marks least recently used unpinned objects SPILLING (into {@link #victimSlots}) for the
     * caller to spill outside the lock.
     */
    private int makeRoomLocked(long size) {
        long capacity = control.capacity();
        long used = control.usedBytes();
        long pooled = control.pooledBytes();
        if (size > capacity - used - pooled && pooled > 0) {
            releasePooledLocked(size - (capacity - used - pooled));
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

    private void spillVictims(int[] victims) {
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
            lockHost();
            try {
                control.addEvictingBytes(-size);
                if (error == null) {
                    // Under the lock: once SPILLED, a restorer may create the file again. Pooled when there is
                    // room, so that the create that needed the space may take the file over, pages and all.
                    releaseFileLocked(slot);
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
                unlockHost();
            }
        }
        if (spilled == 0 && failure != null) {
            throw new ObjectStoreFullException("cannot spill to " + spill.directory() + ": " + failure, failure);
        }
    }

    private void restore(String objectId, int slot, long high, long low) {
        long size = control.size(slot);
        Reservation reserved = reserve(MODE_RESTORE, slot, objectId, high, low, size, 0);
        if (reserved == null) {
            return;
        }
        Path objectFile = files.path(high, low);
        MappingCache.Mapping mapping = null;
        try {
            mapping = mapForWrite(slot, reserved, objectFile, size);
            spill.read(spill.path(high, low), mapping.buffer.slice(0, (int)size));
        } catch (IOException | RuntimeException ex) {
            cache.retire(reserved.extent());
            if (mapping != null) {
                cache.release(mapping);
            }
            lockHost();
            try {
                ObjectFiles.delete(objectFile);
                control.advanceMemoryEpoch();
                control.addUsedBytes(-size);
                control.owner(slot, -1);
                control.state(slot, SPILLED);
            } finally {
                unlockHost();
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

    private void awaitTransition(int slot, int waits) {
        if (waits < 100) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(50_000);
            if (waits % 2_000 == 0) {
                int owner = control.owner(slot);
                if (owner >= 0 && !ProcessLiveness.isAlive(control.processPid(owner), control.processStart(owner))) {
                    sweepDeadProcesses();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------- table

    /** Lock-free probe; the caller re-validates what it finds (see {@link ControlFile}). */
    private int find(long high, long low) {
        int mask = control.slotMask();
        int index = ObjectId.hash(high, low) & mask;
        for (int i = 0; i <= mask; i++) {
            int state = control.state(index);
            if (state == FREE) {
                return -1;
            }
            if (state != TOMBSTONE && control.idEquals(index, high, low)) {
                return index;
            }
            index = (index + 1) & mask;
        }
        return -1;
    }

    private int insertionSlotLocked(long high, long low) {
        int mask = control.slotMask();
        int index = ObjectId.hash(high, low) & mask;
        int tombstone = -1;
        for (int i = 0; i <= mask; i++) {
            int state = control.state(index);
            if (state == FREE) {
                return tombstone >= 0 ? tombstone : index;
            }
            if (state == TOMBSTONE && tombstone < 0) {
                tombstone = index;
            }
            index = (index + 1) & mask;
        }
        return tombstone;
    }

    /** Removes an object's files and accounting and frees its slot; the caller has checked it is unpinned. */
    private void reclaimLocked(int slot) {
        int state = control.state(slot);
        long high = control.idHigh(slot);
        long low = control.idLow(slot);
        long size = control.size(slot);
        if (state != SPILLED) {
            releaseFileLocked(slot);
            control.addUsedBytes(-size);
        }
        if ((control.flags(slot) & FLAG_SPILL_COPY) != 0) {
            SpillDirectory.delete(spill.path(high, low));
            control.addSpillUsedBytes(-size);
        }
        control.owner(slot, -1);
        control.flags(slot, 0);
        control.state(slot, TOMBSTONE);
        int mask = control.slotMask();
        if (control.state((slot + 1) & mask) == FREE) {
            // No probe sequence runs through a tombstone followed by a free slot: turn the run back to free.
            for (int i = slot; control.state(i) == TOMBSTONE; i = (i - 1) & mask) {
                control.state(i, FREE);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- recovery

    private void lockHost() {
        if (lock.lock()) {
            // The previous holder died inside a critical section: clean up after it and trust no counter.
            sweepLocked();
            recountLocked();
        }
    }

    private void unlockHost() {
        lock.unlock();
    }

    private int sweepLocked() {
        int swept = 0;
        for (int p = 0, high = control.processHighWater(); p < high; p++) {
            long other = control.processPid(p);
            if (p != process && other != 0 && !ProcessLiveness.isAlive(other, control.processStart(p))) {
                cleanupProcessLocked(p);
                control.releaseProcess(p);
                swept++;
            }
        }
        return swept;
    }

    /** Drops every pin of process entry {@code p} and undoes its unfinished creates, spills and restores. */
    private void cleanupProcessLocked(int p) {
        cleanupProcessLocked(p, null);
    }

    /**
     * As {@link #cleanupProcessLocked(int)}, but leaves {@code keep.get(slot)} pins in place (the live GC-tied
     * views of this process); null keeps none.
     */
    private void cleanupProcessLocked(int p, Int2IntHashMap keep) {
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            int state = control.state(slot);
            if (state == FREE) {
                continue;
            }
            int kept = keep == null ? 0 : keep.get(slot);
            boolean hadPins = control.pins(slot, p) != kept;
            if (hadPins) {
                control.setPins(slot, p, kept);
            }
            if (control.owner(slot) == p && (state == CREATING || state == SPILLING || state == RESTORING)) {
                long size = control.size(slot);
                long high = control.idHigh(slot);
                long low = control.idLow(slot);
                switch (state) {
                    case CREATING -> reclaimLocked(slot);
                    case SPILLING -> {
                        Path spillFile = spill.path(high, low);
                        SpillDirectory.delete(spillFile.resolveSibling(spillFile.getFileName() + ".part"));
                        if ((control.flags(slot) & FLAG_SPILL_COPY) == 0) {
                            control.addSpillUsedBytes(-size);
                        }
                        control.addEvictingBytes(-size);
                        control.owner(slot, -1);
                        control.state(slot, SEALED);
                    }
                    default -> {
                        releaseFileLocked(slot);
                        control.addUsedBytes(-size);
                        control.owner(slot, -1);
                        control.state(slot, SPILLED);
                    }
                }
            } else if (hadPins && state == DELETE_PENDING && !control.isPinned(slot)) {
                reclaimLocked(slot);
            }
        }
    }

    /**
     * Under the host lock, after this process released its entry: when no other live process is attached and
     * no object is left, retires the control file and removes the store's files and directories. Openers that
     * mapped the control file before it was unlinked see the retired mark under the lock and start over; those
     * that come later create a new control file, which is why it is unlinked only after everything else.
     *
     * @return true when the store was removed
     */
    private boolean retireIfLastLocked() {
        sweepLocked();
        for (int p = 0, high = control.processHighWater(); p < high; p++) {
            if (control.processPid(p) != 0) {
                return false;
            }
        }
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            if (control.state(slot) > TOMBSTONE) {
                return false;
            }
        }
        control.retire();
        Path objects = files.directory();
        deleteDirectory(objects, name -> true);
        deleteDirectory(files.poolDirectory(), name -> true);
        // The spill directory may be shared with other things: only object files (and partial copies) go.
        deleteDirectory(spill.directory(), name -> name.length() >= 32 && ObjectId.isValid(name.substring(0, 32)));
        Path directory = objects.getParent();
        ObjectFiles.delete(directory.resolve(CONTROL_FILE));
        try {
            Files.deleteIfExists(directory);
        } catch (IOException notEmpty) {
            // A new opener already created a fresh control file here, or someone else's files live here: keep it.
        }
        return true;
    }

    /** Deletes the files of {@code dir} accepted by {@code filter}, then the directory when that left it empty. */
    private static void deleteDirectory(Path dir, java.util.function.Predicate<String> filter) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (filter.test(entry.getFileName().toString())) {
                    ObjectFiles.delete(entry);
                }
            }
        } catch (IOException gone) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmpty) {
            // Files we were told to keep: the directory stays.
        }
    }

    /**
     * After taking the lock over from a dead holder: completes the deletes it may have left half-done, recomputes
     * every counter from the object table and rebuilds the pool from the pool table and the pool directory.
     */
    private void recountLocked() {
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            if (control.state(slot) == DELETE_PENDING && !control.isPinned(slot)) {
                reclaimLocked(slot);
            }
        }
        long used = 0;
        long evicting = 0;
        long spilled = 0;
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            int state = control.state(slot);
            if (state <= TOMBSTONE) {
                continue;
            }
            long size = control.size(slot);
            boolean hasCopy = (control.flags(slot) & FLAG_SPILL_COPY) != 0;
            if (state != SPILLED) {
                used += size;
            }
            if (state == SPILLING) {
                evicting += size;
            }
            if (hasCopy || state == SPILLING) {
                spilled += size;
            }
        }
        control.usedBytes(used);
        control.evictingBytes(evicting);
        control.spillUsedBytes(spilled);
        rebuildPoolLocked();
    }

    /**
     * Makes the pool table and the pool directory agree: an entry whose file is gone is dropped, an entry records
     * its file's real length, and a pool file no entry names (a dead holder of the lock was between the rename and
     * the table update) is unlinked. Recomputes the pooled bytes.
     */
    private void rebuildPoolLocked() {
        LongHashSet listed = new LongHashSet();
        long pooled = 0;
        boolean unlinked = false;
        for (int entry = 0, n = control.poolEntries(); entry < n; entry++) {
            long extent = control.poolExtent(entry);
            if (extent == 0) {
                continue;
            }
            long length;
            try {
                length = Files.size(files.poolPath(extent));
            } catch (IOException gone) {
                control.clearPoolEntry(entry);
                unlinked = true;
                continue;
            }
            if (!listed.add(extent)) {
                control.clearPoolEntry(entry);
                continue;
            }
            if (length != control.poolLength(entry)) {
                control.setPoolEntry(entry, extent, length, control.pooledAt(entry));
            }
            pooled += length;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.poolDirectory())) {
            for (Path file : entries) {
                if (!listed.contains(ObjectFiles.poolExtent(file.getFileName().toString()))) {
                    ObjectFiles.delete(file);
                    unlinked = true;
                }
            }
        } catch (IOException ignore) {
            // No pool directory: nothing pooled.
        }
        control.pooledBytes(pooled);
        if (unlinked) {
            control.advanceMemoryEpoch();
        }
    }

    private void refreshMappings() {
        long epoch = control.memoryEpoch();
        if (epoch != seenMemoryEpoch) {
            seenMemoryEpoch = epoch;
            cache.retireStale(control);
        }
    }

    private void periodicSweep() {
        try {
            if (!closed.get()) {
                sweepDeadProcesses();
                refreshMappings();
            }
        } catch (RuntimeException ignore) {
            // Racing close(), or a transient I/O error: the next period tries again.
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("object store closed");
        }
    }
}
