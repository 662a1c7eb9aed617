package dev.rayo.store;

import dev.rayo.api.exception.ObjectStoreFullException;
import org.agrona.collections.Int2IntHashMap;

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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static dev.rayo.store.ControlFile.CREATING;
import static dev.rayo.store.ControlFile.DELETE_PENDING;
import static dev.rayo.store.ControlFile.RESTORING;
import static dev.rayo.store.ControlFile.SEALED;
import static dev.rayo.store.ControlFile.SPILLED;
import static dev.rayo.store.ControlFile.SPILLING;
import static dev.rayo.store.ControlFile.TOMBSTONE;

// Longer than the ~500 lines aimed at: this is the public facade (the ObjectStore API and its documented
// contract) and the owner of this process's attachment: its open readers and writers, its GC-tied views, and
// the detach that may remove the store. The policies live in FilePool, Evictor, ProcessSweeper and ObjectTable.
/**
 * The host's shared-memory object store (Ray's Plasma on the JVM): one memory-mapped file per object under a
 * memory-backed directory, and a memory-mapped {@link ControlFile} through which every JVM on the host agrees
 * on which objects exist, their state, who pins them and how many bytes are in use.
 *
 * <p><b>Zero copy.</b> Readers map the writer's file; {@link #get} costs a table probe, a pin and, the first
 * time in a process, one {@code mmap} whose cost does not depend on the object's size. Mappings are cached per
 * process, per memory file (extent), until the file is unlinked.
 *
 * <p><b>Recycled memory files.</b> A freed file (its object deleted and unpinned in every process, or spilled)
 * goes to the host-wide {@link FilePool} instead of being unlinked, so that a later create or restore of about
 * its length writes into pages that exist already. A file is pooled only once nothing of its previous object
 * can be reached: no reader, no GC-tied view, no writer.
 *
 * <p><b>Warm spares.</b> After a create of at least {@link StoreConfig#warmSpareMinBytes()} bytes, a background
 * thread of this process ({@link WarmSpares}) makes one spare pooled file of that size, allocated and mapped,
 * when none is pooled and there is room: the next create of that size does not wait on fresh pages either.
 *
 * <p><b>Capacity.</b> When a new object does not fit, the {@link Evictor} releases pooled files, then spills
 * least recently used unpinned objects to the spill directory; {@link #get} restores them transparently.
 * {@link ObjectStoreFullException} is thrown only when pinned and unsealed objects alone leave no room, or the
 * spill directory is full; nothing is left behind in that case.
 *
 * <p><b>Crashes.</b> A process that dies leaves its pins and unsealed objects in the control file; any survivor
 * reclaims them through the {@link ProcessSweeper}: when a store opens, periodically on a daemon thread, before
 * giving up on space, and in {@link #sweepDeadProcesses()}.
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
    private final FilePool pool;
    private final ObjectTable table;
    private final ProcessSweeper sweeper;
    private final Evictor evictor;
    private final WarmSpares spares;
    private final Set<SharedWritableObject> writers = ConcurrentHashMap.newKeySet();
    private final Set<SharedReadableObject> readers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long seenMemoryEpoch = -1;

    // Guarded by itself (taken before, never inside, the host lock): live GC-tied views per slot, each holding
    // one pin in this process's column, and whether close() left the final detach to the last of them.
    private final Int2IntHashMap viewPins = new Int2IntHashMap(0);
    private boolean detachDeferred;

    private SharedObjectStore(StoreConfig config) throws IOException, RetiredException {
        cache = new MappingCache(config.maxCachedMappings());
        Path directory = Files.createDirectories(config.directory());
        control = ControlFile.openOrCreate(directory.resolve(CONTROL_FILE), config);
        try {
            files = new ObjectFiles(directory.resolve(OBJECTS_DIR), directory.resolve(POOL_DIR));
            spill = new SpillDirectory(control.spillDirectory());
            long pid = ProcessHandle.current().pid();
            long start = ProcessLiveness.currentStartMillis();
            int entry = control.registerProcess(pid, start);
            boolean adopted = false;
            if (entry < 0) {
                entry = ProcessSweeper.adoptDeadEntry(control, pid, start);
                adopted = true;
            }
            process = entry;
            lock = new HostLock(control, process, this::repairLocked);
            pool = new FilePool(control, files, cache);
            table = new ObjectTable(control, pool, spill);
            sweeper = new ProcessSweeper(control, lock, table, pool, spill, process);
            evictor = new Evictor(control, lock, files, spill, cache, pool, table, this::sweepDeadProcesses, process,
                config.stallCheckInterval().toNanos());
            spares = new WarmSpares(control, lock, files, cache, pool, config.warmSpareMinBytes());
            lock.lock();
            try {
                if (control.isRetired()) {
                    // The last process of this store removed its files after we mapped the control file.
                    control.releaseProcess(process);
                    throw new RetiredException();
                }
                if (adopted) {
                    // Whatever the dead previous owner of this entry left is now ours to undo.
                    sweeper.cleanupLocked(process);
                }
                sweeper.sweepLocked();
            } finally {
                lock.unlock();
            }
        } catch (IOException | RuntimeException | RetiredException ex) {
            control.close();
            throw ex;
        }
        sweeper.startPeriodic(config.sweepInterval(), this::periodicSweep);
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
        spares.awaitSpareUnderWay(sizeBytes);
        Evictor.Reservation reserved = evictor.reserveNew(objectId, high, low, sizeBytes, typeTag);
        int slot = reserved.slot();
        long generation = control.generation(slot);
        MappingCache.Mapping mapping;
        try {
            mapping = pool.mapForWrite(slot, reserved.extent(), reserved.recycledLength(), files.path(high, low),
                sizeBytes);
        } catch (IOException | RuntimeException ex) {
            abortSlot(slot, generation);
            throw new UncheckedIOException("cannot create the file of object " + objectId,
                ex instanceof IOException io ? io : new IOException(ex));
        }
        SharedWritableObject writer = new SharedWritableObject(this, objectId, slot, generation, sizeBytes, mapping);
        writers.add(writer);
        spares.created(sizeBytes);
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
            int slot = table.find(high, low);
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
                case SPILLED -> evictor.restore(objectId, slot, high, low);
                case SPILLING, RESTORING -> evictor.awaitTransition(slot, waits++);
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
        int slot = table.find(ObjectId.high(objectId), ObjectId.low(objectId));
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
            lock.lock();
            try {
                slot = table.find(high, low);
                if (slot < 0) {
                    return false;
                }
                switch (control.state(slot)) {
                    case SEALED -> {
                        control.state(slot, DELETE_PENDING);
                        if (!control.isPinned(slot)) {
                            table.reclaimLocked(slot);
                        }
                        return true;
                    }
                    case SPILLED -> {
                        table.reclaimLocked(slot);
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
                lock.unlock();
            }
            evictor.awaitTransition(slot, waits++);
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
        // The periodic sweep reads the control file; it must be done before the file is unmapped.
        sweeper.stopPeriodic();
        // Likewise the spare thread, which also lists files in the pool table and caches mappings.
        spares.close();
        for (SharedWritableObject writer : writers) {
            writer.close();
        }
        // Unmap before the pins go: once unpinned, a file may be recycled for another object, and a buffer of this
        // closed store touched later must fault rather than show that object.
        readers.clear();
        cache.closeAll();
        boolean detachNow;
        synchronized (viewPins) {
            lock.lock();
            try {
                // Drops every pin of this process except those of live GC-tied views.
                sweeper.cleanupLocked(process, viewPins);
                detachNow = viewPins.isEmpty();
                if (detachNow) {
                    control.releaseProcess(process);
                    retireIfLastLocked();
                } else {
                    detachDeferred = true;
                }
            } finally {
                lock.unlock();
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
        return sweeper.sweep();
    }

    /** A snapshot of the host's figures; scans the object table. */
    public StoreStats stats() {
        ensureOpen();
        int inMemory = 0;
        int spilled = 0;
        for (int slot = 0, n = control.slotCount(); slot < n; slot++) {
            int state = control.state(slot);
            if (state == SPILLED) {
                spilled++;
            } else if (state >= CREATING) {
                inMemory++;
            }
        }
        return new StoreStats(control.capacity(), control.usedBytes(), control.spillUsedBytes(), inMemory, spilled,
            control.evictions(), control.restores(), cache.size(), control.pooledBytes(), pool.fileCount());
    }

    /** Waits until this process's warm-spare thread has nothing asked of it or under way; for tests. */
    void awaitWarmSpares() throws InterruptedException {
        spares.awaitIdle();
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
            lock.lock();
            try {
                sweeper.cleanupLocked(process);
                control.releaseProcess(process);
                retireIfLastLocked();
            } finally {
                lock.unlock();
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
        lock.lock();
        try {
            if (control.state(slot) == CREATING && control.owner(slot) == process
                && control.generation(slot) == generation) {
                table.reclaimLocked(slot);
            }
        } finally {
            lock.unlock();
        }
    }

    private void unpin(int slot) {
        control.addPin(slot, process, -1);
        reclaimIfDeletePending(slot);
    }

    private void reclaimIfDeletePending(int slot) {
        if (control.state(slot) == DELETE_PENDING) {
            lock.lock();
            try {
                if (control.state(slot) == DELETE_PENDING && !control.isPinned(slot)) {
                    table.reclaimLocked(slot);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    // ------------------------------------------------------------------------------------------- last out

    /**
     * Under the host lock, after this process released its entry: when no other live process is attached and
     * no object is left, retires the control file and removes the store's files and directories. Openers that
     * mapped the control file before it was unlinked see the retired mark under the lock and start over; those
     * that come later create a new control file, which is why it is unlinked only after everything else.
     *
     * @return true when the store was removed
     */
    private boolean retireIfLastLocked() {
        sweeper.sweepLocked();
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

    /** Run by the host lock, held, when it was taken over from a dead holder. */
    private void repairLocked() {
        sweeper.repairLocked();
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
