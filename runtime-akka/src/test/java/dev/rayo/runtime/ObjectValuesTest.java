package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values through the object store: raw buffers read zero-copy, primitive arrays raw, refs nested in values. */
class ObjectValuesTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    private static AkkaRayoRuntime runtime() {
        return rayo.runtime(AkkaRayoRuntime.class);
    }

    @Test
    void largeByteBufferIsReadAsAReadOnlyViewOfTheStore() {
        ByteBuffer data = ByteBuffer.allocateDirect(8 << 20);
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, (byte) (i * 31));
        }
        long usedBefore = runtime().store().usedBytes();
        ObjectRef<ByteBuffer> ref = Rayo.put(data);
        assertTrue(runtime().store().usedBytes() >= usedBefore + (8 << 20), "stored raw in the shared store");
        ByteBuffer view = Rayo.get(ref);
        assertTrue(view.isReadOnly());
        assertTrue(view.isDirect(), "a view of the mapped file, not a heap copy");
        assertEquals(data.capacity(), view.remaining());
        assertEquals(data, view);
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
    }

    static double sum(DoubleBuffer d) {
        double s = 0;
        for (int i = d.position(); i < d.limit(); i++) {
            s += d.get(i);
        }
        return s;
    }

    @Test
    void typedBuffersKeepTheirValuesAndOrder() {
        DoubleBuffer doubles = ByteBuffer.allocateDirect(200_000 * 8).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer();
        for (int i = 0; i < doubles.capacity(); i++) {
            doubles.put(i, i * 0.5);
        }
        ObjectRef<DoubleBuffer> ref = Rayo.put(doubles);
        DoubleBuffer back = Rayo.get(ref);
        assertTrue(back.isReadOnly());
        assertEquals(doubles.capacity(), back.remaining());
        assertEquals(1234.5, back.get(2469));
        assertEquals(sum(doubles), Rayo.get(Rayo.task(ObjectValuesTest::sum, ref).remote()));
        IntBuffer small = IntBuffer.wrap(new int[] {1, 2, 3});
        assertEquals(IntBuffer.wrap(new int[] {1, 2, 3}), Rayo.get(Rayo.put(small)), "small buffers travel inline");
    }

    @Test
    void primitiveArraysRoundTripRaw() {
        long[] longs = new long[100_000];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = (long) i * i;
        }
        assertArrayEquals(longs, Rayo.get(Rayo.put(longs)));
        assertArrayEquals(new int[] {1, 2, 3}, Rayo.get(Rayo.put(new int[] {1, 2, 3})));
        float[] floats = {1.5f, -2f};
        assertArrayEquals(floats, Rayo.get(Rayo.put(floats)));
        byte[] bytes = new byte[300_000];
        bytes[299_999] = 7;
        assertArrayEquals(bytes, Rayo.get(Rayo.put(bytes)));
    }

    static int sumOfNested(Map<String, List<ObjectRef<Integer>>> refs) {
        int s = 0;
        for (ObjectRef<Integer> r : refs.get("refs")) {
            s += Rayo.get(r);
        }
        return s;
    }

    @Test
    void refsNestedInsideObjectsCanBeGotByWhoeverReceivesThem() {
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refs.add(Rayo.task(Fns::square, i).remote());
        }
        ObjectRef<Map<String, List<ObjectRef<Integer>>>> outer = Rayo.put(Map.of("refs", refs));
        assertEquals(0 + 1 + 4 + 9 + 16, Rayo.get(Rayo.task(ObjectValuesTest::sumOfNested, outer).remote()));
        List<ObjectRef<Integer>> back = Rayo.get(outer).get("refs");
        assertEquals(16, Rayo.get(back.get(4)));
    }

    @Test
    void droppedRefsFreeTheirStoreSpace() {
        long before = runtime().store().usedBytes();
        for (int i = 0; i < 5; i++) {
            Rayo.get(Rayo.put(new double[1 << 20]));
        }
        Eventually.within(Duration.ofSeconds(20)).every(Duration.ofMillis(50))
                .describedAs("the store gave back the space of collected refs").until(() -> {
                    if (runtime().store().usedBytes() <= before) {
                        return true;
                    }
                    System.gc();
                    return false;
                });
    }
}
