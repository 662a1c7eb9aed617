package dev.rayo.store;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.nio.MappedByteBuffer;
import java.util.Iterator;

/**
 * This process's read-write mappings of memory files, keyed by extent (the host-unique number a file keeps for
 * life, see {@link ControlFile}), kept after readers and writers are done so that a repeated {@code get} costs no
 * system call, and a create that recycles a pooled file this process still maps writes into pages that are
 * already mapped (no page fault, no page zeroing).
 *
 * <p>Files only shrink over their life (a pooled file is reused for an object of at most its length and then
 * truncated to it), so a cached mapping always covers the file's current length; only the first
 * {@code size} bytes of it are ever handed out.
 *
 * <p>When a file is unlinked (spilled, deleted, evicted from the pool, possibly by another process) a cached
 * mapping would keep its pages alive, so mappings of extents that are neither held by an in-memory object nor
 * pooled are retired whenever the host's memory epoch moves. Idle mappings (no open reader or writer) are also
 * bounded, least recently used first: every mapping is a kernel VMA and Linux caps a process at
 * {@code vm.max_map_count} (65530 by default).
 */
final class MappingCache {
    /** One mapping of one memory file; {@code refs} counts this process's open readers and writers of it. */
    static final class Mapping {
        final long extent;
        final MappedByteBuffer buffer;
        /** The slot whose object this mapping served last: where {@link #retireStale} looks for its extent. */
        int slot;
        int refs;
        boolean retired;
        Mapping idlePrev;
        Mapping idleNext;
        boolean idle;

        Mapping(long extent, int slot, MappedByteBuffer buffer) {
            this.extent = extent;
            this.slot = slot;
            this.buffer = buffer;
        }
    }

    private final Long2ObjectHashMap<Mapping> byExtent = new Long2ObjectHashMap<>();
    private final LongHashSet pooled = new LongHashSet();
    private final int maxIdle;
    private Mapping idleHead;
    private Mapping idleTail;
    private int idleCount;

    MappingCache(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    /**
     * The cached mapping of {@code extent} with a reference taken, when it covers {@code size} bytes; null when
     * the file must be mapped.
     */
    synchronized Mapping acquire(long extent, int slot, long size) {
        Mapping mapping = byExtent.get(extent);
        if (mapping != null && mapping.buffer.capacity() >= size) {
            if (mapping.refs++ == 0) {
                unlinkIdle(mapping);
            }
            mapping.slot = slot;
            return mapping;
        }
        return null;
    }

    /**
     * Caches a mapping made outside the monitor and takes a reference; when another thread cached a mapping of
     * the same extent covering {@code size} bytes meanwhile, the duplicate is unmapped and the existing one
     * returned.
     */
    synchronized Mapping install(long extent, int slot, long size, MappedByteBuffer buffer) {
        Mapping existing = byExtent.get(extent);
        if (existing != null && existing.buffer.capacity() >= size) {
            ObjectFiles.unmap(buffer);
            if (existing.refs++ == 0) {
                unlinkIdle(existing);
            }
            existing.slot = slot;
            return existing;
        }
        if (existing != null) {
            retire(existing);
        }
        Mapping mapping = new Mapping(extent, slot, buffer);
        mapping.refs = 1;
        byExtent.put(extent, mapping);
        return mapping;
    }

    /** Drops a reference; the mapping then idles in the cache, or is unmapped when retired. */
    synchronized void release(Mapping mapping) {
        if (--mapping.refs == 0) {
            if (mapping.retired) {
                ObjectFiles.unmap(mapping.buffer);
            } else {
                linkIdle(mapping);
            }
        }
    }

    /** The file of {@code extent} was unlinked, or must not be written through this mapping again: forget it. */
    synchronized void retire(long extent) {
        Mapping mapping = byExtent.get(extent);
        if (mapping != null) {
            retire(mapping);
        }
    }

    /** Retires every mapping whose extent is neither held by an in-memory object nor pooled. */
    synchronized void retireStale(ControlFile control) {
        pooled.clear();
        for (int entry = 0, n = control.poolEntries(); entry < n; entry++) {
            long extent = control.poolExtent(entry);
            if (extent != 0) {
                pooled.add(extent);
            }
        }
        for (Iterator<Mapping> it = byExtent.values().iterator(); it.hasNext(); ) {
            Mapping mapping = it.next();
            int state = control.state(mapping.slot);
            boolean inMemory = state == ControlFile.SEALED || state == ControlFile.SPILLING
                || state == ControlFile.DELETE_PENDING || state == ControlFile.CREATING
                || state == ControlFile.RESTORING;
            if (!(inMemory && control.extent(mapping.slot) == mapping.extent) && !pooled.contains(mapping.extent)) {
                it.remove();
                markRetired(mapping);
            }
        }
    }

    /** Unmaps everything, in use or not: the store is closing. */
    synchronized void closeAll() {
        for (Mapping mapping : byExtent.values()) {
            mapping.retired = true;
            ObjectFiles.unmap(mapping.buffer);
        }
        byExtent.clear();
        idleHead = null;
        idleTail = null;
        idleCount = 0;
    }

    synchronized int size() {
        return byExtent.size();
    }

    private void retire(Mapping mapping) {
        byExtent.remove(mapping.extent);
        markRetired(mapping);
    }

    private void markRetired(Mapping mapping) {
        if (mapping.retired) {
            return;
        }
        mapping.retired = true;
        if (mapping.refs == 0) {
            unlinkIdle(mapping);
            ObjectFiles.unmap(mapping.buffer);
        }
    }

    private void linkIdle(Mapping mapping) {
        mapping.idle = true;
        mapping.idlePrev = idleTail;
        mapping.idleNext = null;
        if (idleTail != null) {
            idleTail.idleNext = mapping;
        } else {
            idleHead = mapping;
        }
        idleTail = mapping;
        if (++idleCount > maxIdle) {
            retire(idleHead);
        }
    }

    private void unlinkIdle(Mapping mapping) {
        if (!mapping.idle) {
            return;
        }
        mapping.idle = false;
        if (mapping.idlePrev != null) {
            mapping.idlePrev.idleNext = mapping.idleNext;
        } else {
            idleHead = mapping.idleNext;
        }
        if (mapping.idleNext != null) {
            mapping.idleNext.idlePrev = mapping.idlePrev;
        } else {
            idleTail = mapping.idlePrev;
        }
        mapping.idlePrev = null;
        mapping.idleNext = null;
        idleCount--;
    }
}
