package dev.rayo.runtime.values;

import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.wire.RecentIds;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.serialization.KryoPool;
import dev.rayo.store.ObjectStore;
import dev.rayo.store.ReadableObject;
import dev.rayo.store.WritableObject;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Writes values where they belong and reads them back: small ones inline in messages, large ones into the
 * host's shared object store, decoded straight from the mapped buffer.
 */
public final class ValueStore {
    /** Encoding tag: Kryo {@code writeClassAndObject}. */
    public static final int KRYO = 1;

    private final KryoPool kryo;
    private final ObjectStore store;
    private final long inlineThresholdBytes;
    private final String nodeAddress;
    private final java.util.function.Consumer<StoredValue.InStore> puller;
    private final java.util.function.BiConsumer<String, String> remoteDelete;
    /** Objects this node stored for owners in other processes, to free them if the owner dies. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.Set<String>> storedForOwner =
            new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Objects deleted here at their owner's request, most recent last: a pull of one of them that was
     * already under way must not leave its copy behind once it seals. Ids are never reused.
     */
    private final RecentIds deletedRecently = new RecentIds();

    /**
     * Values of at most {@code inlineThresholdBytes} travel inline; larger ones go to {@code store};
     * {@code puller} copies objects stored on other hosts into this one's store; {@code remoteDelete}
     * (node address, object id) frees an object in another node's store.
     */
    public ValueStore(KryoPool kryo, ObjectStore store, long inlineThresholdBytes, String nodeAddress,
                      java.util.function.Consumer<StoredValue.InStore> puller,
                      java.util.function.BiConsumer<String, String> remoteDelete) {
        this.remoteDelete = remoteDelete;
        this.kryo = kryo;
        this.store = store;
        this.inlineThresholdBytes = inlineThresholdBytes;
        this.nodeAddress = nodeAddress;
        this.puller = puller;
    }

    /**
     * Serializes {@code value} as object {@code objectId}.
     *
     * @throws dev.rayo.api.exception.RayoSerializationException when it can't be serialized
     * @throws dev.rayo.api.exception.ObjectStoreFullException   when it is large and the store can't hold it
     */
    public StoredValue write(String objectId, Object value) {
        RawCodec raw = RawCodec.of(value);
        if (raw != null) {
            return writeRaw(objectId, value, raw);
        }
        byte[] bytes = kryo.toBytes(value);
        if (bytes.length <= inlineThresholdBytes) {
            return new StoredValue.Inline(KRYO, bytes);
        }
        try (WritableObject object = store.create(objectId, bytes.length, KRYO)) {
            object.buffer().put(bytes);
            object.seal();
        }
        return new StoredValue.InStore(objectId, nodeAddress, bytes.length);
    }

    /** Buffers and primitive arrays: their bytes, copied once straight into the store's mapping. */
    private StoredValue writeRaw(String objectId, Object value, RawCodec raw) {
        long size = raw.sizeBytes(value);
        if (size <= inlineThresholdBytes) {
            byte[] bytes = new byte[(int) size];
            raw.writeNative(value, ByteBuffer.wrap(bytes));
            return new StoredValue.Inline(raw.tag, bytes);
        }
        try (WritableObject object = store.create(objectId, size, raw.tag)) {
            raw.writeNative(value, object.buffer());
            object.seal();
        }
        return new StoredValue.InStore(objectId, nodeAddress, size);
    }

    /** Decodes a value; errors are the caller's to raise. */
    public Object read(StoredValue value) {
        if (value instanceof StoredValue.Inline inline) {
            RawCodec raw = RawCodec.ofTag(inline.encoding());
            return raw == null ? kryo.fromBytes(inline.bytes()) : raw.readNative(ByteBuffer.wrap(inline.bytes()).asReadOnlyBuffer());
        }
        if (value instanceof StoredValue.InStore inStore) {
            Optional<ReadableObject> found = store.get(inStore.objectId());
            if (found.isEmpty() && !inStore.nodeAddress().equals(nodeAddress)) {
                // Stored on another host (or another store directory): copy it here first.
                puller.accept(inStore);
                if (wasDeleted(inStore.objectId())) {
                    // Its owner freed it while the pull ran: the copy just sealed must not stay.
                    store.delete(inStore.objectId());
                }
                found = store.get(inStore.objectId());
            }
            if (found.isEmpty()) {
                throw new ObjectLostException("object " + inStore.objectId() + " is not in the object store of this host "
                        + "(stored by node " + inStore.nodeAddress() + ")");
            }
            try (ReadableObject object = found.get()) {
                RawCodec raw = RawCodec.ofTag(object.typeTag());
                if (raw == null) {
                    return kryo.fromBuffer(object.buffer());
                }
                // A buffer's view keeps the object pinned for as long as the program can reach it.
                return raw.readNative(raw.isView() ? object.retainedView() : object.buffer());
            }
        }
        throw new IllegalArgumentException("not a value: " + value);
    }

    /** Like {@link #write(String, Object)} for an object owned by {@code ownerAddress}, freed here if that owner dies. */
    public StoredValue write(String objectId, Object value, String ownerAddress) {
        StoredValue stored = write(objectId, value);
        if (stored instanceof StoredValue.InStore && !ownerAddress.equals(nodeAddress)) {
            storedForOwner.computeIfAbsent(ownerAddress, o -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(objectId);
        }
        return stored;
    }

    /**
     * Frees what a released object held in the store, here or on the node that stored it. The owner deletes
     * any copy of it in this host's store too: one it pulled to read the object is not in the holder's record
     * of pullers once the holder died, nor reached in time when the owner frees it while shutting down.
     */
    public void free(StoredValue value) {
        if (value instanceof StoredValue.InStore inStore) {
            if (!inStore.nodeAddress().equals(nodeAddress)) {
                remoteDelete.accept(inStore.nodeAddress(), inStore.objectId());
            }
            store.delete(inStore.objectId());
        }
    }

    /** Deletes an object from this host's store at its owner's request. */
    public void deleteOwned(String objectId) {
        synchronized (deletedRecently) {
            deletedRecently.add(objectId);
        }
        store.delete(objectId);
        storedForOwner.values().forEach(ids -> ids.remove(objectId));
    }

    private boolean wasDeleted(String objectId) {
        synchronized (deletedRecently) {
            return deletedRecently.contains(objectId);
        }
    }

    /**
     * Frees every object this node stored for {@code ownerAddress}, which died: nobody can read them any more.
     * Returns their ids.
     */
    public java.util.Set<String> forgetOwner(String ownerAddress) {
        java.util.Set<String> ids = storedForOwner.remove(ownerAddress);
        if (ids == null) {
            return java.util.Set.of();
        }
        ids.forEach(store::delete);
        return ids;
    }

    /** The store behind large values. */
    public ObjectStore store() {
        return store;
    }
}
