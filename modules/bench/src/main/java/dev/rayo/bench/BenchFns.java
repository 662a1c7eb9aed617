package dev.rayo.bench;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote functions of the benchmarks, as static methods so tasks carry a method reference and no
 * captured state: what is measured is Rayo's overhead, not the function's work.
 */
public final class BenchFns {
    /** 100 MiB: the size of the large objects of BENCHMARKS.md. */
    public static final int LARGE_BYTES = 100 << 20;

    private BenchFns() {
    }

    /** The no-op task (Ray's benchmark returns a small constant too). */
    public static int noop() {
        return 0;
    }

    /** A direct buffer of {@code bytes} with every page written, so no page fault is left for the reader. */
    public static ByteBuffer makeBuffer(int bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i + 8 <= bytes; i += 8) {
            b.putLong(i, i);
        }
        return b;
    }

    /** An object holding {@code n} refs of small put values (Ray's {@code create_object_containing_ref}). */
    public static List<ObjectRef<Integer>> makeRefs(int n) {
        List<ObjectRef<Integer>> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            refs.add(Rayo.put(i));
        }
        return refs;
    }
}
