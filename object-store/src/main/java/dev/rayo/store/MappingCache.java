package dev.rayo.store;

import org.agrona.collections.Int2ObjectHashMap;

import java.nio.MappedByteBuffer;
import java.util.Iterator;

/**
 * This process's mappings of in-memory objects, kept after readers unpin so that a repeated {@code get} costs
 * no system call.
 *
 * <p>A mapping is tied to one generation of its slot: when the object leaves memory (spilled or deleted,
 * possibly by another process) its file is unlinked and the cached mapping would otherwise keep the pages
 * alive, so stale entries are retired whenever the host's memory epoch moves. Idle mappings (no open reader)
 * are also bounded, least recently used first: every mapping is a kernel VMA and Linux caps a process at
 * {@code vm.max_map_count} (65530 by default).
 */
final class MappingCache {
    /** One mapping of one object file; {@code refs} counts this process's open readers of it. */
    static final class Mapping {
        final int slot;
        final long generation;
        final MappedByteBuffer buffer;
        int refs;
        boolean retired;
        Mapping idlePrev;
        Mapping idleNext;
        boolean idle;

        Mapping(int slot, long generation, MappedByteBuffer buffer) {
            this.slot = slot;
            this.generation = generation;
            this.buffer = buffer;
        }
    }

    private final Int2ObjectHashMap<Mapping> bySlot = new Int2ObjectHashMap<>();
    private final int maxIdle;
    private Mapping idleHead;
    private Mapping idleTail;
    private int idleCount;

    MappingCache(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    /** The cached mapping of that generation with a reference taken, or null when it must be mapped. */
    synchronized Mapping acquire(int slot, long generation) {
        Mapping mapping = bySlot.get(slot);
        if (mapping != null && mapping.generation == generation) {
            if (mapping.refs++ == 0) {
                unlinkIdle(mapping);
            }
            return mapping;
        }
        return null;
    }

    /**
     * Caches a mapping made outside the monitor and takes a reference; when another thread cached the same
     * generation meanwhile, the duplicate is unmapped and the existing one returned.
     */
    synchronized Mapping install(int slot, long generation, MappedByteBuffer buffer) {
        Mapping existing = bySlot.get(slot);
        if (existing != null && existing.generation == generation) {
            ObjectFiles.unmap(buffer);
            if (existing.refs++ == 0) {
                unlinkIdle(existing);
            }
            return existing;
        }
        if (existing != null) {
            retire(existing);
        }
        Mapping mapping = new Mapping(slot, generation, buffer);
        mapping.refs = 1;
        bySlot.put(slot, mapping);
        return mapping;
    }

    /** Caches a writer's or restorer's mapping, with no reader yet. */
    synchronized void adopt(int slot, long generation, MappedByteBuffer buffer) {
        Mapping existing = bySlot.get(slot);
        if (existing != null) {
            retire(existing);
        }
        Mapping mapping = new Mapping(slot, generation, buffer);
        bySlot.put(slot, mapping);
        linkIdle(mapping);
    }

    /** Drops a reader's reference; the mapping then idles in the cache, or is unmapped when retired. */
    synchronized void release(Mapping mapping) {
        if (--mapping.refs == 0) {
            if (mapping.retired) {
                ObjectFiles.unmap(mapping.buffer);
            } else {
                linkIdle(mapping);
            }
        }
    }

    /** The object in {@code slot} left memory: forget its mapping. */
    synchronized void retire(int slot) {
        Mapping mapping = bySlot.get(slot);
        if (mapping != null) {
            retire(mapping);
        }
    }

    /** Retires every mapping whose slot no longer holds that generation in memory. */
    synchronized void retireStale(ControlFile control) {
        for (Iterator<Mapping> it = bySlot.values().iterator(); it.hasNext(); ) {
            Mapping mapping = it.next();
            int state = control.state(mapping.slot);
            boolean inMemory = state == ControlFile.SEALED || state == ControlFile.SPILLING
                || state == ControlFile.DELETE_PENDING || state == ControlFile.CREATING;
            if (!inMemory || control.generation(mapping.slot) != mapping.generation) {
                it.remove();
                markRetired(mapping);
            }
        }
    }

    /** Unmaps everything, readers or not: the store is closing. */
    synchronized void closeAll() {
        for (Mapping mapping : bySlot.values()) {
            ObjectFiles.unmap(mapping.buffer);
        }
        bySlot.clear();
        idleHead = null;
        idleTail = null;
        idleCount = 0;
    }

    synchronized int size() {
        return bySlot.size();
    }

    private void retire(Mapping mapping) {
        bySlot.remove(mapping.slot);
        markRetired(mapping);
    }

    private void markRetired(Mapping mapping) {
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
