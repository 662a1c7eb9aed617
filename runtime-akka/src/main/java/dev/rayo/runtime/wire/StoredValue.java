package dev.rayo.runtime.wire;


/** Where an object's value is, as its owner records it: inline bytes, the object store of a node, or an error. */
public sealed interface StoredValue extends RayoMessage {

    /**
     * A small value carried in messages.
     *
     * @param encoding how {@code bytes} encode the value (the value codec's tags)
     */
    record Inline(int encoding, byte[] bytes) implements StoredValue {
    }

    /**
     * A large value sealed in the object store of {@code nodeAddress}'s host.
     *
     * @param objectId    the object's id in the store
     * @param nodeAddress the Akka address of the node that stored it
     * @param sizeBytes   its size in the store
     */
    record InStore(String objectId, String nodeAddress, long sizeBytes) implements StoredValue {
    }

    /** The producing task failed, or the object can't be made. */
    record Failed(ErrorPayload error) implements StoredValue {
    }
}
