package dev.rayo.runtime.values;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Values stored as their raw bytes instead of through Kryo: NIO buffers, read back as read-only views over
 * the stored bytes (zero-copy when the object is in the store), and primitive arrays, copied out once on
 * read at memory-copy speed. Multi-byte values are kept in native byte order.
 */
enum RawCodec {
    BYTE_BUFFER(2, 1) {
        long elements(Object v) {
            return ((ByteBuffer) v).remaining();
        }

        void write(Object v, ByteBuffer dst) {
            dst.put(((ByteBuffer) v).duplicate());
        }

        Object read(ByteBuffer src) {
            return src.asReadOnlyBuffer();
        }
    },
    DOUBLE_BUFFER(3, Double.BYTES) {
        long elements(Object v) {
            return ((DoubleBuffer) v).remaining();
        }

        void write(Object v, ByteBuffer dst) {
            dst.asDoubleBuffer().put(((DoubleBuffer) v).duplicate());
        }

        Object read(ByteBuffer src) {
            return src.asDoubleBuffer().asReadOnlyBuffer();
        }
    },
    FLOAT_BUFFER(4, Float.BYTES) {
        long elements(Object v) {
            return ((FloatBuffer) v).remaining();
        }

        void write(Object v, ByteBuffer dst) {
            dst.asFloatBuffer().put(((FloatBuffer) v).duplicate());
        }

        Object read(ByteBuffer src) {
            return src.asFloatBuffer().asReadOnlyBuffer();
        }
    },
    INT_BUFFER(5, Integer.BYTES) {
        long elements(Object v) {
            return ((IntBuffer) v).remaining();
        }

        void write(Object v, ByteBuffer dst) {
            dst.asIntBuffer().put(((IntBuffer) v).duplicate());
        }

        Object read(ByteBuffer src) {
            return src.asIntBuffer().asReadOnlyBuffer();
        }
    },
    LONG_BUFFER(6, Long.BYTES) {
        long elements(Object v) {
            return ((LongBuffer) v).remaining();
        }

        void write(Object v, ByteBuffer dst) {
            dst.asLongBuffer().put(((LongBuffer) v).duplicate());
        }

        Object read(ByteBuffer src) {
            return src.asLongBuffer().asReadOnlyBuffer();
        }
    },
    BYTE_ARRAY(7, 1) {
        long elements(Object v) {
            return ((byte[]) v).length;
        }

        void write(Object v, ByteBuffer dst) {
            dst.put((byte[]) v);
        }

        Object read(ByteBuffer src) {
            byte[] a = new byte[src.remaining()];
            src.get(a);
            return a;
        }
    },
    DOUBLE_ARRAY(8, Double.BYTES) {
        long elements(Object v) {
            return ((double[]) v).length;
        }

        void write(Object v, ByteBuffer dst) {
            dst.asDoubleBuffer().put((double[]) v);
        }

        Object read(ByteBuffer src) {
            DoubleBuffer d = src.asDoubleBuffer();
            double[] a = new double[d.remaining()];
            d.get(a);
            return a;
        }
    },
    FLOAT_ARRAY(9, Float.BYTES) {
        long elements(Object v) {
            return ((float[]) v).length;
        }

        void write(Object v, ByteBuffer dst) {
            dst.asFloatBuffer().put((float[]) v);
        }

        Object read(ByteBuffer src) {
            FloatBuffer d = src.asFloatBuffer();
            float[] a = new float[d.remaining()];
            d.get(a);
            return a;
        }
    },
    INT_ARRAY(10, Integer.BYTES) {
        long elements(Object v) {
            return ((int[]) v).length;
        }

        void write(Object v, ByteBuffer dst) {
            dst.asIntBuffer().put((int[]) v);
        }

        Object read(ByteBuffer src) {
            IntBuffer d = src.asIntBuffer();
            int[] a = new int[d.remaining()];
            d.get(a);
            return a;
        }
    },
    LONG_ARRAY(11, Long.BYTES) {
        long elements(Object v) {
            return ((long[]) v).length;
        }

        void write(Object v, ByteBuffer dst) {
            dst.asLongBuffer().put((long[]) v);
        }

        Object read(ByteBuffer src) {
            LongBuffer d = src.asLongBuffer();
            long[] a = new long[d.remaining()];
            d.get(a);
            return a;
        }
    };

    private static final RawCodec[] BY_TAG = new RawCodec[16];

    static {
        for (RawCodec c : values()) {
            BY_TAG[c.tag] = c;
        }
    }

    final int tag;
    private final int elementBytes;

    RawCodec(int tag, int elementBytes) {
        this.tag = tag;
        this.elementBytes = elementBytes;
    }

    /** Number of elements {@link #write} stores. */
    abstract long elements(Object value);

    /** Copies the value into {@code dst} (native order, position 0). */
    abstract void write(Object value, ByteBuffer dst);

    /** The value over {@code src} (native order, position 0): a view for buffers, a copy for arrays. */
    abstract Object read(ByteBuffer src);

    /** Bytes the value takes. */
    final long sizeBytes(Object value) {
        return elements(value) * elementBytes;
    }

    /** Writes into {@code dst} from its position, in native order. */
    final void writeNative(Object value, ByteBuffer dst) {
        write(value, dst.duplicate().order(ByteOrder.nativeOrder()));
    }

    /** Reads {@code src} whole, in native order. */
    final Object readNative(ByteBuffer src) {
        return read(src.duplicate().order(ByteOrder.nativeOrder()));
    }

    /** True for buffer types, whose reads are views that must keep the stored bytes alive. */
    final boolean isView() {
        return ordinal() <= LONG_BUFFER.ordinal();
    }

    /** The codec for {@code value}, or null when Kryo encodes it. */
    static RawCodec of(Object value) {
        if (value instanceof ByteBuffer) {
            return BYTE_BUFFER;
        } else if (value instanceof DoubleBuffer) {
            return DOUBLE_BUFFER;
        } else if (value instanceof FloatBuffer) {
            return FLOAT_BUFFER;
        } else if (value instanceof IntBuffer) {
            return INT_BUFFER;
        } else if (value instanceof LongBuffer) {
            return LONG_BUFFER;
        } else if (value instanceof byte[]) {
            return BYTE_ARRAY;
        } else if (value instanceof double[]) {
            return DOUBLE_ARRAY;
        } else if (value instanceof float[]) {
            return FLOAT_ARRAY;
        } else if (value instanceof int[]) {
            return INT_ARRAY;
        } else if (value instanceof long[]) {
            return LONG_ARRAY;
        }
        return null;
    }

    /** The codec of an encoding tag, or null for Kryo and unknown tags. */
    static RawCodec ofTag(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
}
