package dev.rayo.runtime.store;

import dev.rayo.api.exception.ObjectStoreFullException;
import dev.rayo.store.ObjectStore;
import dev.rayo.store.ReadableObject;
import dev.rayo.store.WritableObject;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Temporary in-JVM stand-in for the shared store until object-store lands; same interface. */
public final class HeapObjectStore implements ObjectStore {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentHashMap<String, ByteBuffer> sealed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> tags = new ConcurrentHashMap<>();

    /** A store of {@code capacity} bytes. */
    public HeapObjectStore(long capacity) {
        this.capacity = capacity;
    }

    @Override
    public WritableObject create(String objectId, long sizeBytes, int typeTag) {
        if (used.addAndGet(sizeBytes) > capacity) {
            used.addAndGet(-sizeBytes);
            throw new ObjectStoreFullException("object " + objectId + " of " + sizeBytes + " bytes does not fit in the store of "
                    + capacity + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) sizeBytes);
        return new WritableObject() {
            boolean done;

            public String objectId() {
                return objectId;
            }

            public ByteBuffer buffer() {
                return buffer;
            }

            public void seal() {
                tags.put(objectId, typeTag);
                sealed.put(objectId, buffer.flip().asReadOnlyBuffer());
                done = true;
            }

            public void close() {
                if (!done) {
                    used.addAndGet(-sizeBytes);
                }
            }
        };
    }

    @Override
    public Optional<ReadableObject> get(String objectId) {
        ByteBuffer b = sealed.get(objectId);
        if (b == null) {
            return Optional.empty();
        }
        return Optional.of(new ReadableObject() {
            public String objectId() {
                return objectId;
            }

            public int typeTag() {
                return tags.get(objectId);
            }

            public ByteBuffer buffer() {
                return b.duplicate();
            }

            public void close() {
            }
        });
    }

    @Override
    public boolean contains(String objectId) {
        return sealed.containsKey(objectId);
    }

    @Override
    public boolean delete(String objectId) {
        ByteBuffer b = sealed.remove(objectId);
        if (b != null) {
            used.addAndGet(-b.capacity());
        }
        return b != null;
    }

    @Override
    public long capacityBytes() {
        return capacity;
    }

    @Override
    public long usedBytes() {
        return used.get();
    }

    @Override
    public void close() {
        sealed.clear();
    }
}
