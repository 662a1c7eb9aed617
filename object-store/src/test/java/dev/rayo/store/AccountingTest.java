package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.rayo.store.StoreTestSupport.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** usedBytes after every step of an object's life. */
class AccountingTest {
    private StoreTestSupport dirs;
    private SharedObjectStore store;

    @BeforeEach
    void open() {
        dirs = new StoreTestSupport();
        store = dirs.open(4 << 20);
    }

    @AfterEach
    void close() {
        store.close();
        dirs.close();
    }

    @Test
    void usedBytesFollowsCreateSealDeleteAbort() {
        assertEquals(4 << 20, store.capacityBytes());
        assertEquals(0, store.usedBytes());

        WritableObject a = store.create(id(1), 1000, 0);
        assertEquals(1000, store.usedBytes(), "after create");
        a.seal();
        assertEquals(1000, store.usedBytes(), "after seal");

        WritableObject b = store.create(id(2), 300_000, 0);
        assertEquals(301_000, store.usedBytes());
        b.close();
        assertEquals(1000, store.usedBytes(), "after abort");

        WritableObject c = store.create(id(3), 1 << 20, 0);
        c.seal();
        assertEquals(1000 + (1 << 20), store.usedBytes());

        ReadableObject pinned = store.get(id(3)).orElseThrow();
        store.delete(id(3));
        assertEquals(1000 + (1 << 20), store.usedBytes(), "deleted but pinned: still held");
        pinned.close();
        assertEquals(1000, store.usedBytes(), "after last reader closed");

        store.delete(id(1));
        assertEquals(0, store.usedBytes(), "after delete");
        assertEquals(0, store.stats().objectsInMemory());
        assertEquals(0, dirs.objectFileCount());
    }

    @Test
    void secondStoreInstanceSeesTheSameFigures() {
        StoreTestSupport.put(store, id(4), 12345, 4);
        try (SharedObjectStore other = ObjectStores.open(dirs.config(1).build())) {
            assertEquals(4 << 20, other.capacityBytes(), "geometry comes from the control file");
            assertEquals(12345, other.usedBytes());
            other.delete(id(4));
        }
        assertEquals(0, store.usedBytes());
    }
}
