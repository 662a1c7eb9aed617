package dev.rayo.bench;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Frees direct and mapped buffers at once instead of at the collector's leisure: the large-object
 * workloads allocate hundreds of megabytes per operation, and waiting for the GC would leave the host's
 * memory (and /dev/shm) to whoever runs next.
 */
final class Buffers {
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private Buffers() {
    }

    /** Releases a direct (or mapped) buffer's memory; the buffer must not be used afterwards. */
    static void free(ByteBuffer buffer) {
        if (buffer != null && buffer.isDirect() && UNSAFE != null) {
            try {
                UNSAFE.invokeCleaner(buffer);
            } catch (IllegalArgumentException e) {
                // A slice or duplicate: its memory goes with the original, at the next GC.
            }
        }
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
