package dev.rayo.store;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * An object being written into its memory-mapped file; meant for one thread, like any builder. The mapping is
 * this process's cached mapping of the file (possibly a recycled one), held with a reference until seal or close.
 */
final class SharedWritableObject implements WritableObject {
    private static final int OPEN = 0;
    private static final int SEALED = 1;
    private static final int ABORTED = 2;

    private final SharedObjectStore store;
    private final String objectId;
    private final int slot;
    private final long generation;
    private final long size;
    private final MappingCache.Mapping mapping;
    private UnsafeBuffer directBuffer;
    private int state = OPEN;

    SharedWritableObject(SharedObjectStore store, String objectId, int slot, long generation, long size,
        MappingCache.Mapping mapping) {
        this.store = store;
        this.objectId = objectId;
        this.slot = slot;
        this.generation = generation;
        this.size = size;
        this.mapping = mapping;
    }

    @Override
    public String objectId() {
        return objectId;
    }

    @Override
    public ByteBuffer buffer() {
        ensureOpen();
        return mapping.buffer.slice(0, (int)size);
    }

    @Override
    public MutableDirectBuffer directBuffer() {
        ensureOpen();
        if (directBuffer == null) {
            directBuffer = size == 0 ? new UnsafeBuffer(new byte[0]) : new UnsafeBuffer(mapping.buffer, 0, (int)size);
        }
        return directBuffer;
    }

    @Override
    public long sizeBytes() {
        return size;
    }

    @Override
    public void seal() {
        ensureOpen();
        store.seal(this);
        state = SEALED;
    }

    @Override
    public void close() {
        if (state == OPEN) {
            state = ABORTED;
            store.abort(this);
        }
    }

    int slot() {
        return slot;
    }

    long generation() {
        return generation;
    }

    MappingCache.Mapping mapping() {
        return mapping;
    }

    private void ensureOpen() {
        if (state != OPEN) {
            throw new IllegalStateException("object " + objectId + (state == SEALED ? " is sealed" : " was aborted"));
        }
    }
}
