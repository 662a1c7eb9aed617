package dev.rayo.store;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/** An object being written: fill {@link #buffer()}, then {@link #seal()}; {@link #close()} without seal aborts. */
public interface WritableObject extends AutoCloseable {

    /** The object's id. */
    String objectId();

    /** A writable buffer of exactly the requested size, position 0. */
    ByteBuffer buffer();

    /** The object's bytes as a writable Agrona buffer over the same memory (no copy); valid until seal or close. */
    default MutableDirectBuffer directBuffer() {
        return new UnsafeBuffer(buffer());
    }

    /** The object's size in bytes. */
    default long sizeBytes() {
        return buffer().remaining();
    }

    /** Makes the object immutable and visible to readers. */
    void seal();

    /** Aborts the object when it was not sealed; a no-op after {@link #seal()}. */
    @Override
    void close();
}
