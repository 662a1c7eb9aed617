package dev.rayo.runtime.store;

import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.ownership.StoredValue;
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

    /**
     * Values of at most {@code inlineThresholdBytes} travel inline; larger ones go to {@code store};
     * {@code puller} copies objects stored on other hosts into this one's store.
     */
    public ValueStore(KryoPool kryo, ObjectStore store, long inlineThresholdBytes, String nodeAddress,
                      java.util.function.Consumer<StoredValue.InStore> puller) {
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

    /** Frees what a released object held in the store. */
    public void free(StoredValue value) {
        if (value instanceof StoredValue.InStore inStore && inStore.nodeAddress().equals(nodeAddress)) {
            store.delete(inStore.objectId());
        }
    }

    /** The store behind large values. */
    public ObjectStore store() {
        return store;
    }
}
