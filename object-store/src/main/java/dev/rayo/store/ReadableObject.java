package dev.rayo.store;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/** A pinned, sealed object; the buffer is valid until {@link #close()}. */
public interface ReadableObject extends AutoCloseable {

    /** The object's id. */
    String objectId();

    /** The encoding tag given at creation. */
    int typeTag();

    /** A read-only view of the object's bytes, position 0, limit = size (no copy). */
    ByteBuffer buffer();

    /** The object's bytes as an Agrona buffer over the same memory (no copy); valid until {@link #close()}. */
    default DirectBuffer directBuffer() {
        return new UnsafeBuffer(buffer());
    }

    /** The object's size in bytes. */
    default long sizeBytes() {
        return buffer().remaining();
    }

    /** Unpins the object. */
    @Override
    void close();
}
