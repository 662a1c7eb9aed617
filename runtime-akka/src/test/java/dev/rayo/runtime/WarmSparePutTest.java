package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoConfigException;
import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.store.SharedObjectStore;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large put leaves a warm spare in the store's pool ({@code rayo.object-store.warm-spare-min-bytes}), so the
 * next put of that size copies into memory that exists; every value still reads back exactly, buffers as
 * zero-copy views.
 */
class WarmSparePutTest {
    private static final int SIZE = 16 << 20;

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(() -> RayoConfig.builder().numCpus(2)
            // A store of its own: the host's default one is shared with whatever else runs, pooled files included.
            .objectStoreDirectory("/dev/shm/rayo-warm-spare-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
            .build());

    private static SharedObjectStore store() {
        return (SharedObjectStore) rayo.runtime(AkkaRayoRuntime.class).store();
    }

    private static ByteBuffer buffer(int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(SIZE);
        for (int i = 0; i + 8 <= SIZE; i += 8) {
            b.putLong(i, i * 31L + seed);
        }
        return b;
    }

    @Test
    void aLargePutLeavesASpareAndTheNextPutsReadBackExactly() {
        assertEquals(0, store().stats().pooledBytes(), "a fresh store pools nothing");
        ByteBuffer first = buffer(1);
        ObjectRef<ByteBuffer> a = Rayo.put(first);
        Eventually.within(Duration.ofSeconds(20)).every(Duration.ofMillis(20))
                .describedAs("a warm spare of the put's size in the pool")
                .until(() -> store().stats().pooledBytes() >= SIZE);
        ByteBuffer second = buffer(2);
        ObjectRef<ByteBuffer> b = Rayo.put(second);
        double[] doubles = new double[SIZE / Double.BYTES];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = i * 0.25;
        }
        ObjectRef<double[]> c = Rayo.put(doubles);
        ByteBuffer viewA = Rayo.get(a);
        ByteBuffer viewB = Rayo.get(b);
        assertTrue(viewA.isDirect() && viewA.isReadOnly(), "a zero-copy view of the store");
        assertEquals(first.clear(), viewA);
        assertEquals(second.clear(), viewB);
        assertArrayEquals(doubles, Rayo.get(c));
        // Leave nothing behind: the store's directory goes with its last object.
        a = null;
        b = null;
        c = null;
        viewA = null;
        viewB = null;
        Eventually.within(Duration.ofSeconds(20)).every(Duration.ofMillis(50))
                .describedAs("the store gave back the space of the dropped refs").until(() -> {
                    System.gc();
                    return store().usedBytes() == 0;
                });
    }

    @Test
    void theSettingDefaultsToEightMebibytesAndRejectsNegatives() {
        assertEquals(8L << 20, RayoSettings.from(ConfigFactory.load()).storeWarmSpareMinBytes());
        RayoConfigException e = assertThrows(RayoConfigException.class, () -> RayoSettings.from(
                ConfigFactory.parseString("rayo.object-store.warm-spare-min-bytes = -1").withFallback(ConfigFactory.load())));
        assertTrue(e.getMessage().contains("rayo.object-store.warm-spare-min-bytes"), e.getMessage());
    }
}
