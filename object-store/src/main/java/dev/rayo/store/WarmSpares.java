package dev.rayo.store;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Keeps one spare memory file ready in the {@link FilePool} for the size of this process's latest large object,
 * allocated and mapped on a background thread of this process.
 *
 * <p><b>Why.</b> A create that finds no pooled file of its size must allocate fresh tmpfs pages: one page fault
 * and one zeroed page per 4 KiB, several times the cost of the copy itself (about 1 GB/s against 5 to 10 GB/s
 * here). The pool removes that cost once freed objects come back, but not for the first objects of a size, nor
 * when the frees lag behind the creates (a dropped object is freed only once the collector finds its last ref).
 * After each create of at least {@link StoreConfig#warmSpareMinBytes()} bytes, this makes one more file of that
 * size when none is pooled, off the creating thread: the next create of about that size then copies into pages
 * that exist, through a mapping this process holds already.
 *
 * <p><b>Limits.</b> A spare is made only when the pool and the capacity have room for it without releasing
 * anything; it counts as pooled bytes, so the {@link Evictor} releases it before spilling any object. Requests
 * coalesce: a burst of creates asks for at most one spare at a time, of the latest size. A create that finds no
 * pooled file of its size while a fitting spare is under way waits for that spare instead of allocating a file
 * of its own alongside it (two allocations at once would each take about twice as long). A process that dies
 * while making a spare leaves an unlisted file in the pool directory, removed when the lock is next taken over
 * from a dead holder ({@link FilePool#rebuildLocked()}) or with the store's files by the last process out.
 *
 * <p><b>State owned.</b> The spare thread and the pending request; the spare file from its creation until it
 * is listed in the pool table (then the {@link FilePool} owns it).
 */
final class WarmSpares {
    private final ControlFile control;
    private final HostLock lock;
    private final ObjectFiles files;
    private final MappingCache cache;
    private final FilePool pool;
    private final long minBytes;

    // Guarded by monitor.
    private final Object monitor = new Object();
    private long wanted;
    private long making;
    private long finished;
    private boolean busy;
    private boolean closed;
    private Thread thread;

    WarmSpares(ControlFile control, HostLock lock, ObjectFiles files, MappingCache cache, FilePool pool,
        long minBytes) {
        this.control = control;
        this.lock = lock;
        this.files = files;
        this.cache = cache;
        this.pool = pool;
        this.minBytes = minBytes;
    }

    /** This process just created an object of {@code size} bytes: keep a spare of that size, when large enough. */
    void created(long size) {
        if (minBytes == 0 || size < minBytes || size < StoreConfig.MIN_POOLED_FILE_BYTES) {
            return;
        }
        synchronized (monitor) {
            if (closed) {
                return;
            }
            wanted = size;
            if (thread == null) {
                thread = new Thread(this::run, "rayo-store-warm-spares");
                thread.setDaemon(true);
                thread.start();
            }
            monitor.notifyAll();
        }
    }

    /** Stops the spare thread, waiting for a spare under way: the control file must stay mapped until then. */
    void close() {
        Thread running;
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
            running = thread;
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (running.isAlive()) {
            try {
                running.join();
            } catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Called by a create of {@code size} bytes before it reserves: when no pooled file fits it but a spare that
     * would is asked for or being made, waits for that spare rather than allocating a second file at the same
     * time (the create then takes the spare). Both would allocate fresh pages; the spare is already part made.
     */
    void awaitSpareUnderWay(long size) {
        long seen;
        synchronized (monitor) {
            if (!fits(making, size) && !fits(wanted, size)) {
                return;
            }
            seen = finished;
        }
        boolean pooledFit;
        lock.lock();
        try {
            pooledFit = pool.pickLocked(size) >= 0;
        } finally {
            lock.unlock();
        }
        if (pooledFit) {
            return;
        }
        synchronized (monitor) {
            while (!closed && finished == seen && (fits(making, size) || fits(wanted, size))) {
                try {
                    monitor.wait();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The pool's fit ({@link FilePool#pickLocked}): a file of {@code length} serves {@code size} bytes. */
    private static boolean fits(long length, long size) {
        return length != 0 && length >= size && length / 2 <= size;
    }

    /** Waits until no spare is asked for or being made (tests observe the pool after it). */
    void awaitIdle() throws InterruptedException {
        synchronized (monitor) {
            while ((wanted != 0 || busy) && !closed) {
                monitor.wait();
            }
        }
    }

    private void run() {
        while (true) {
            long size;
            synchronized (monitor) {
                while (wanted == 0 && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException ex) {
                        // Only close() ends this thread.
                    }
                }
                if (closed) {
                    return;
                }
                size = wanted;
                wanted = 0;
                making = size;
                busy = true;
            }
            try {
                makeSpare(size);
            } catch (IOException | RuntimeException ignore) {
                // No spare this time (tmpfs full, store closing): creates fall back to fresh files.
            } finally {
                synchronized (monitor) {
                    busy = false;
                    making = 0;
                    finished++;
                    monitor.notifyAll();
                }
            }
        }
    }

    private void makeSpare(long size) throws IOException {
        long extent;
        lock.lock();
        try {
            if (!pool.wantsSpareLocked(size)) {
                return;
            }
            extent = control.nextExtent();
        } finally {
            lock.unlock();
        }
        Path file = files.poolPath(extent);
        MappedByteBuffer buffer;
        try {
            buffer = ObjectFiles.createAllocated(file, size);
        } catch (IOException | RuntimeException ex) {
            ObjectFiles.delete(file);
            throw ex;
        }
        // Cached before it is listed: a create of this process that takes the file finds its pages mapped.
        MappingCache.Mapping mapping = cache.install(extent, 0, size, buffer);
        boolean listed = false;
        try {
            lock.lock();
            try {
                synchronized (monitor) {
                    listed = !closed && pool.addSpareLocked(extent, size);
                }
            } finally {
                lock.unlock();
            }
        } finally {
            if (!listed) {
                ObjectFiles.delete(file);
                cache.retire(extent);
            }
            cache.release(mapping);
        }
    }
}
