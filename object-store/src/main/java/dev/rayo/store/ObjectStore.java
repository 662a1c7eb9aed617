package dev.rayo.store;

import java.util.Optional;

/**
 * A per-host store of immutable objects, addressed by a 32-hex-digit object id.
 *
 * <p>Protocol: {@link #create} reserves space and hands out a {@link WritableObject}; the writer fills
 * it and calls {@link WritableObject#seal()}. Until sealed, no reader sees the object; once sealed it
 * never changes. Closing a writable object without sealing aborts it and frees its space.
 *
 * <p>{@link #get} pins the object in memory until the returned {@link ReadableObject} is closed.
 * Implementations must be safe for concurrent use by many threads (and, for shared-memory
 * implementations, many processes).
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Reserves {@code sizeBytes} for a new object.
     *
     * @param typeTag an opaque encoding tag kept with the object and returned by readers
     * @throws dev.rayo.api.exception.ObjectStoreFullException when the object can't fit even after eviction/spilling
     * @throws IllegalArgumentException when the id already exists or the size is not supported
     */
    WritableObject create(String objectId, long sizeBytes, int typeTag);

    /** Maps and pins a sealed object; empty when the store has no sealed object of that id. */
    Optional<ReadableObject> get(String objectId);

    /** True when a sealed object of that id exists (in memory or spilled). */
    boolean contains(String objectId);

    /** Deletes the object once no reader pins it; returns false when it did not exist. */
    boolean delete(String objectId);

    /** Capacity in bytes of this store. */
    long capacityBytes();

    /** Bytes currently held in memory by sealed and unsealed objects. */
    long usedBytes();

    /** Releases this process's mappings; objects stay for other processes until deleted. */
    @Override
    void close();
}
