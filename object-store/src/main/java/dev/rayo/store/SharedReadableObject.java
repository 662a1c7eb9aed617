package dev.rayo.store;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** A pinned view of a sealed object's mapping; closing it unpins the object (once, from any thread). */
final class SharedReadableObject implements ReadableObject {
    private static final AtomicIntegerFieldUpdater<SharedReadableObject> CLOSED =
        AtomicIntegerFieldUpdater.newUpdater(SharedReadableObject.class, "closed");

    private final SharedObjectStore store;
    private final String objectId;
    private final int slot;
    private final int typeTag;
    private final int size;
    private final MappingCache.Mapping mapping;
    private volatile int closed;

    SharedReadableObject(SharedObjectStore store, String objectId, int slot, int typeTag, int size,
        MappingCache.Mapping mapping) {
        this.store = store;
        this.objectId = objectId;
        this.slot = slot;
        this.typeTag = typeTag;
        this.size = size;
        this.mapping = mapping;
    }

    @Override
    public String objectId() {
        return objectId;
    }

    @Override
    public int typeTag() {
        return typeTag;
    }

    @Override
    public ByteBuffer buffer() {
        ensureOpen();
        // A slice: the cached mapping may be longer than the object (a recycled file shrinks to its new object).
        return mapping.buffer.slice(0, size).asReadOnlyBuffer();
    }

    @Override
    public DirectBuffer directBuffer() {
        ensureOpen();
        return size == 0 ? new UnsafeBuffer(new byte[0]) : new UnsafeBuffer(mapping.buffer, 0, size);
    }

    @Override
    public long sizeBytes() {
        return size;
    }

    /** {@inheritDoc} The view is a fresh read-only mapping of the object's file, never unmapped explicitly. */
    @Override
    public ByteBuffer retainedView() {
        ensureOpen();
        // Our own pin keeps the slot and its file in place while the view takes its own pin.
        return store.retainView(objectId, slot, size);
    }

    @Override
    public void close() {
        if (CLOSED.compareAndSet(this, 0, 1)) {
            store.release(this);
        }
    }

    int slot() {
        return slot;
    }

    MappingCache.Mapping mapping() {
        return mapping;
    }

    private void ensureOpen() {
        if (closed != 0) {
            throw new IllegalStateException("object " + objectId + " was closed");
        }
    }
}
