package dev.rayo.runtime.values;

import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.serialization.ClassAllowList;
import dev.rayo.runtime.serialization.KryoPool;
import dev.rayo.store.ObjectStores;
import dev.rayo.store.SharedObjectStore;
import dev.rayo.store.StoreConfig;
import dev.rayo.store.WritableObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copies pulled from other hosts: read once pulled, and never left behind when their owner freed them mid-pull. */
class ValueStoreTest {
    private static final String FIRST = dev.rayo.runtime.wire.Ids.next();
    private static final String RACING = dev.rayo.runtime.wire.Ids.next();

    @TempDir
    Path dir;

    private SharedObjectStore openStore() {
        return ObjectStores.open(StoreConfig.builder().directory(dir.resolve("store")).spillDirectory(dir.resolve("spill"))
                .capacityBytes(16 << 20).maxObjects(64).maxProcesses(4).sweepInterval(Duration.ZERO).build());
    }

    private static KryoPool kryo() {
        return new KryoPool(new ClassAllowList(List.of(), Set.of(), List.of(), false), ValueStoreTest.class.getClassLoader(), m -> { });
    }

    /** Stands in for the transfer from another host: writes the object's bytes into this host's store. */
    private static void copyIn(SharedObjectStore store, StoredValue.InStore object, byte[] bytes, int tag) {
        try (WritableObject w = store.create(object.objectId(), bytes.length, tag)) {
            w.buffer().put(bytes);
            w.seal();
        }
    }

    /** The raw tag of byte[], learned from a value written locally. */
    private static int byteArrayTag(SharedObjectStore store) {
        ValueStore probe = new ValueStore(kryo(), store, 16, "akka://rayo@here:2", o -> { }, (n, id) -> { });
        return ((StoredValue.Inline) probe.write(dev.rayo.runtime.wire.Ids.next(), new byte[8])).encoding();
    }

    @Test
    void aPulledCopyIsReadAndAPullRacingItsOwnersDeleteLeavesNothing() {
        try (SharedObjectStore store = openStore()) {
            byte[] bytes = new byte[200_000];
            bytes[7] = 42;
            StoredValue.InStore elsewhere = new StoredValue.InStore(FIRST, "akka://rayo@other:1", bytes.length);
            StoredValue.InStore racing = new StoredValue.InStore(RACING, "akka://rayo@other:1", bytes.length);
            AtomicReference<ValueStore> values = new AtomicReference<>();
            int tag = byteArrayTag(store);
            values.set(new ValueStore(kryo(), store, 1 << 10, "akka://rayo@here:2", object -> {
                if (object.objectId().equals(RACING)) {
                    // The owner frees the object (its delete forwarded here) before this pull seals its copy.
                    values.get().deleteOwned(object.objectId());
                }
                copyIn(store, object, bytes, tag);
            }, (n, id) -> { }));

            assertArrayEquals(bytes, (byte[]) values.get().read(elsewhere));
            assertThrows(ObjectLostException.class, () -> values.get().read(racing));
            assertFalse(store.contains(RACING), "the copy sealed after the owner's delete is gone");
        }
    }

    @Test
    void anOwnerFreeingAnObjectHeldElsewhereDeletesItsOwnCopyToo() {
        try (SharedObjectStore store = openStore()) {
            byte[] bytes = new byte[200_000];
            String id = dev.rayo.runtime.wire.Ids.next();
            StoredValue.InStore elsewhere = new StoredValue.InStore(id, "akka://rayo@other:1", bytes.length);
            List<String> remoteDeletes = new java.util.ArrayList<>();
            int tag = byteArrayTag(store);
            ValueStore values = new ValueStore(kryo(), store, 1 << 10, "akka://rayo@here:2",
                    object -> copyIn(store, object, bytes, tag), (node, objectId) -> remoteDeletes.add(node + " " + objectId));
            values.read(elsewhere);
            assertTrue(store.contains(id), "pulled to be read");
            values.free(elsewhere);
            assertEquals(List.of("akka://rayo@other:1 " + id), remoteDeletes, "the holder is told");
            assertFalse(store.contains(id), "and this host's copy is gone, whether or not the holder is still alive");
        }
    }
}
