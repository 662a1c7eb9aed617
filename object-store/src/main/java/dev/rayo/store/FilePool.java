package dev.rayo.store;

import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host-wide pool of freed memory files, kept for reuse by later creates and restores.
 *
 * <p><b>Why.</b> Allocating fresh tmpfs pages (fault, zero, map) costs several times a plain memory copy. So a
 * file whose object is gone (deleted and unpinned in every process, or spilled) is renamed into
 * {@code pool/<extent>} instead of unlinked, up to {@link ControlFile#poolCapacity()} bytes. A create or restore
 * of at most its length (and at least half of it) renames it back under the new object's name: its pages exist
 * already and, in a process that mapped it before, the write goes through the same cached mapping without a
 * single page fault. Recycled files are not zeroed: every object is written whole before it is sealed. Files
 * also enter the pool new, as spares made ahead of a create by {@link WarmSpares} ({@link #addSpareLocked}).
 * When every entry of the pool table is taken, a freed file takes the place of the oldest pooled file shorter
 * than itself.
 *
 * <p><b>State owned.</b> The pool table of the {@link ControlFile} (extent, length and age of each pooled file),
 * the files of the pool directory and the host's pooled-bytes counter; nothing else changes them. Every method
 * named {@code ...Locked} runs under the host lock. A file is renamed before its entry is written and its entry
 * cleared before it is renamed back, so a holder of the lock dying in between leaves at worst an unlisted pool
 * file, which {@link #rebuildLocked()} removes.
 */
final class FilePool {
    private final ControlFile control;
    private final ObjectFiles files;
    private final MappingCache cache;

    FilePool(ControlFile control, ObjectFiles files, MappingCache cache) {
        this.control = control;
        this.files = files;
        this.cache = cache;
    }

    /** Pooled files at this moment; scans the pool table. */
    int fileCount() {
        int count = 0;
        for (int entry = 0, n = control.poolEntries(); entry < n; entry++) {
            if (control.poolExtent(entry) != 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * Under the host lock: the pooled file best fitting an object of {@code size} bytes (the shortest of those
     * at least {@code size} and at most twice it long), or -1.
     */
    int pickLocked(long size) {
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
     * Under the host lock: true when a spare file of {@code size} bytes would be worth making: no pooled file fits
     * that size, and the pool and the capacity have room for one more of that length (used, pooled and evicting
     * bytes counted) without releasing anything.
     */
    boolean wantsSpareLocked(long size) {
        return size >= StoreConfig.MIN_POOLED_FILE_BYTES && pickLocked(size) < 0 && roomForSpareLocked(size)
            && freeEntryLocked() >= 0;
    }

    /**
     * Under the host lock: lists the file made for extent {@code extent} (already at its pool path, {@code length}
     * bytes, every page allocated) as pooled, when there is still room for it; false when there is not, and the
     * caller unlinks the file.
     */
    boolean addSpareLocked(long extent, long length) {
        int free = freeEntryLocked();
        if (free < 0 || !roomForSpareLocked(length)) {
            return false;
        }
        control.setPoolEntry(free, extent, length, control.tick());
        control.addPooledBytes(length);
        return true;
    }

    private boolean roomForSpareLocked(long size) {
        long pooled = control.pooledBytes();
        return pooled + size <= control.poolCapacity()
            && size <= control.capacity() - control.usedBytes() - pooled - control.evictingBytes();
    }

    private int freeEntryLocked() {
        for (int entry = 0, n = control.poolEntries(); entry < n; entry++) {
            if (control.poolExtent(entry) == 0) {
                return entry;
            }
        }
        return -1;
    }

    /**
     * Under the host lock: moves the file of pool {@code entry} to {@code target}, the file of the object just
     * reserved in {@code slot} (whose extent is the entry's), and moves its bytes from pooled to used. Returns
     * the file's length, or -1 when the file could not be taken: the slot then gets a fresh extent, and the
     * caller creates the file.
     */
    long takeLocked(int entry, int slot, long size, Path target) {
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
     * Maps the reserved file of a new or restored object read-write, with a reference taken in the cache:
     * creates it when {@code recycledLength} is -1, else truncates the file taken from the pool (that long) to
     * {@code size} and reuses this process's mapping of it when there is one.
     */
    MappingCache.Mapping mapForWrite(int slot, long extent, long recycledLength, Path file, long size)
        throws IOException {
        if (recycledLength < 0) {
            return cache.install(extent, slot, size, files.create(file, size));
        }
        if (recycledLength > size) {
            ObjectFiles.truncate(file, size);
        }
        MappingCache.Mapping mapping = cache.acquire(extent, slot, size);
        if (mapping != null) {
            return mapping;
        }
        return cache.install(extent, slot, size, files.mapReadWrite(file, size, true));
    }

    /**
     * Under the host lock: the memory file of the object in {@code slot} is no longer needed (nothing of the
     * object is pinned anywhere): pools it, or unlinks it. Leaves the byte counters of the object alone.
     */
    void releaseFileLocked(int slot) {
        long extent = control.extent(slot);
        Path file = files.path(control.idHigh(slot), control.idLow(slot));
        if (!offerLocked(file, extent)) {
            ObjectFiles.delete(file);
            cache.retire(extent);
            control.advanceMemoryEpoch();
        }
    }

    /** Under the host lock: renames a freed file into the pool when it is worth it and there is room. */
    private boolean offerLocked(Path file, long extent) {
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
        int free = freeEntryLocked();
        if (free < 0) {
            // The table is full, typically of small files freed long ago: the file freed now takes the place of the
            // oldest shorter one (else large files could never be pooled again); what a recycled file saves grows
            // with its length, so a burst of small frees never pushes large files out.
            free = oldestEntryShorterThanLocked(length);
            if (free < 0) {
                return false;
            }
            releaseEntryLocked(free);
            control.advanceMemoryEpoch();
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
    void releaseOldestLocked(long bytes) {
        long freed = 0;
        while (freed < bytes) {
            int oldest = oldestEntryLocked();
            if (oldest < 0) {
                break;
            }
            freed += releaseEntryLocked(oldest);
        }
        if (freed > 0) {
            control.advanceMemoryEpoch();
        }
    }

    /** Under the host lock: the pool entry pooled longest ago, or -1 when none is. */
    private int oldestEntryLocked() {
        return oldestEntryShorterThanLocked(Long.MAX_VALUE);
    }

    /** Under the host lock: the pool entry pooled longest ago of those shorter than {@code length}, or -1. */
    private int oldestEntryShorterThanLocked(long length) {
        int oldest = -1;
        long oldestAt = Long.MAX_VALUE;
        for (int entry = 0, n = control.poolEntries(); entry < n; entry++) {
            if (control.poolExtent(entry) != 0 && control.poolLength(entry) < length
                && control.pooledAt(entry) < oldestAt) {
                oldest = entry;
                oldestAt = control.pooledAt(entry);
            }
        }
        return oldest;
    }

    /**
     * Under the host lock: unlinks the file of pool {@code entry} and clears the entry; returns its length. The
     * caller advances the memory epoch, so that other processes drop their mappings of it.
     */
    private long releaseEntryLocked(int entry) {
        long extent = control.poolExtent(entry);
        long length = control.poolLength(entry);
        control.clearPoolEntry(entry);
        control.addPooledBytes(-length);
        ObjectFiles.delete(files.poolPath(extent));
        cache.retire(extent);
        return length;
    }

    /**
     * Under the host lock, after taking it over from a dead holder: makes the pool table and the pool directory
     * agree. An entry whose file is gone is dropped, an entry records its file's real length, and a pool file no
     * entry names (the dead holder was between the rename and the table update) is unlinked. Recomputes the
     * pooled bytes.
     */
    void rebuildLocked() {
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
}
