package dev.rayo.store;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A pinned, sealed object; {@link #buffer()} and {@link #directBuffer()} are valid until {@link #close()}.
 * {@link #retainedView()} hands out a view whose lifetime is instead tied to the garbage collector.
 */
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

    /**
     * A read-only, zero-copy view of the object's bytes (position 0, limit = size) that stays valid for as long
     * as the program can reach it or any buffer derived from it ({@code slice}, {@code duplicate},
     * {@code asReadOnlyBuffer}, {@code asLongBuffer}, ..., or an Agrona buffer wrapping it). The object stays
     * pinned (not spilled; a {@code delete} is deferred) until the garbage collector finds the view and every
     * derived buffer unreachable, independently of {@link #close()} of this object and of the store.
     *
     * <p>Use it to hand an object's bytes to code that can't be told when to let go (deserialised arrays,
     * buffers kept by user code). Each call makes a new mapping, so prefer {@link #buffer()} when a
     * scoped lifetime fits.
     *
     * @throws IllegalStateException         when this object was closed
     * @throws UnsupportedOperationException when the implementation can't tie a view to the GC
     */
    default ByteBuffer retainedView() {
        throw new UnsupportedOperationException(getClass().getName() + " has no GC-tied views");
    }

    /** Unpins the object. */
    @Override
    void close();
}
