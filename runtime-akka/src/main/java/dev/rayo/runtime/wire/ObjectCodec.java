package dev.rayo.runtime.wire;

/**
 * Turns objects into bytes and back with the node's serialization rules. The vocabulary needs it to carry
 * a user's exception inside an {@link ErrorPayload}; the serialization package implements it, so this
 * package stays a leaf.
 */
public interface ObjectCodec {
    /** Encodes {@code value}; throws when it can't be serialized. */
    byte[] toBytes(Object value);

    /** Decodes what {@link #toBytes} made; throws when a class is missing or not allowed. */
    Object fromBytes(byte[] bytes);
}
