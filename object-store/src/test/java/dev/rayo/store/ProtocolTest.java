package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Optional;

import static dev.rayo.store.StoreTestSupport.fill;
import static dev.rayo.store.StoreTestSupport.id;
import static dev.rayo.store.StoreTestSupport.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** create / write / seal protocol of one store. */
class ProtocolTest {
    private StoreTestSupport dirs;
    private SharedObjectStore store;

    @BeforeEach
    void open() {
        dirs = new StoreTestSupport();
        store = dirs.open(8 << 20);
    }

    @AfterEach
    void close() {
        store.close();
        dirs.close();
    }

    @Test
    void unsealedObjectIsInvisibleUntilSealed() {
        String id = id(1);
        try (WritableObject w = store.create(id, 4096, 42)) {
            fill(w.buffer(), 1);
            assertTrue(store.get(id).isEmpty(), "unsealed object visible to get");
            assertFalse(store.contains(id), "unsealed object visible to contains");
            assertFalse(store.delete(id), "unsealed object deletable");
            w.seal();
        }
        assertTrue(store.contains(id));
        try (ReadableObject r = store.get(id).orElseThrow()) {
            assertEquals(id, r.objectId());
            assertEquals(42, r.typeTag());
            assertEquals(4096, r.sizeBytes());
            assertTrue(matches(r.buffer(), 1, 4096));
        }
    }

    @Test
    void sealedObjectIsReadOnlyAndWriterIsDone() {
        String id = id(2);
        WritableObject w = store.create(id, 1024, 0);
        fill(w.buffer(), 2);
        w.seal();
        assertThrows(IllegalStateException.class, w::buffer, "writer buffer after seal");
        assertThrows(IllegalStateException.class, w::seal, "sealed twice");
        w.close(); // no-op after seal
        assertTrue(store.contains(id), "close after seal must not abort");
        try (ReadableObject r = store.get(id).orElseThrow()) {
            ByteBuffer b = r.buffer();
            assertTrue(b.isReadOnly());
            assertEquals(0, b.position());
            assertEquals(1024, b.limit());
            assertThrows(ReadOnlyBufferException.class, () -> b.put(0, (byte)1));
            assertTrue(matches(r.buffer(), 2, 1024), "sealed bytes changed");
            assertEquals(r.buffer().getLong(0), r.directBuffer().getLong(0, java.nio.ByteOrder.BIG_ENDIAN));
        }
    }

    @Test
    void abortFreesSpaceAndLeavesNothing() {
        String id = id(3);
        WritableObject w = store.create(id, 1 << 20, 0);
        fill(w.buffer(), 3);
        assertEquals(1 << 20, store.usedBytes());
        assertEquals(1, dirs.objectFileCount());
        w.close();
        assertEquals(0, store.usedBytes());
        assertEquals(0, dirs.objectFileCount());
        assertFalse(store.contains(id));
        assertTrue(store.get(id).isEmpty());
        assertThrows(IllegalStateException.class, w::seal, "seal after abort");
        // The id is free again.
        StoreTestSupport.put(store, id, 100, 33);
        try (ReadableObject r = store.get(id).orElseThrow()) {
            assertTrue(matches(r.buffer(), 33, 100));
        }
    }

    @Test
    void duplicateIdIsRejected() {
        String id = id(4);
        WritableObject w = store.create(id, 10, 0);
        assertThrows(IllegalArgumentException.class, () -> store.create(id, 10, 0), "duplicate of unsealed");
        w.seal();
        assertThrows(IllegalArgumentException.class, () -> store.create(id, 10, 0), "duplicate of sealed");
        assertThrows(IllegalArgumentException.class, () -> store.create(id.toUpperCase(), 10, 0), "case-insensitive ids");
        assertEquals(10, store.usedBytes(), "rejected duplicates must not reserve space");
    }

    @Test
    void invalidIdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.create("abc", 10, 0));
        assertThrows(IllegalArgumentException.class, () -> store.get("zz" + id(5).substring(2)));
        assertThrows(IllegalArgumentException.class, () -> store.create(id(5), -1, 0));
    }

    @Test
    void emptyObject() {
        String id = id(6);
        try (WritableObject w = store.create(id, 0, 9)) {
            assertEquals(0, w.buffer().capacity());
            w.seal();
        }
        Optional<ReadableObject> r = store.get(id);
        assertTrue(r.isPresent());
        assertEquals(0, r.get().buffer().remaining());
        r.get().close();
        assertTrue(store.delete(id));
        assertEquals(0, store.usedBytes());
    }

    @Test
    void deleteReturnsFalseForUnknownAndTwice() {
        assertFalse(store.delete(id(7)));
        StoreTestSupport.put(store, id(7), 100, 7);
        assertTrue(store.delete(id(7)));
        assertFalse(store.delete(id(7)));
        assertEquals(0, dirs.objectFileCount());
    }

    @Test
    void objectsLargerThanTwoGibAreRefusedWithoutAllocating() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> store.create(id(8), (long)Integer.MAX_VALUE + 1, 0));
        assertTrue(ex.getMessage().contains("2 GiB"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.create(id(9), 5L << 30, 0));
        assertEquals(0, store.usedBytes());
        assertEquals(0, dirs.objectFileCount());
    }

    @Test
    void idleMappingsAreBounded() {
        try (SharedObjectStore bounded = ObjectStores.open(dirs.config(8 << 20).maxCachedMappings(4).build())) {
            for (int i = 0; i < 20; i++) {
                StoreTestSupport.put(bounded, id(100 + i), 4096, i);
            }
            for (int i = 0; i < 20; i++) {
                try (ReadableObject r = bounded.get(id(100 + i)).orElseThrow()) {
                    assertTrue(matches(r.buffer(), i, 4096));
                }
            }
            assertTrue(bounded.stats().mappedByThisProcess() <= 4, bounded.stats().toString());
        }
    }

    @Test
    void closedStoreRefusesCalls() {
        SharedObjectStore other = ObjectStores.open(dirs.config(8 << 20).build());
        StoreTestSupport.put(other, id(10), 100, 10);
        other.close();
        other.close();
        assertThrows(IllegalStateException.class, () -> other.get(id(10)));
        assertTrue(store.contains(id(10)), "objects outlive the process that wrote them");
    }
}
