package dev.rayo.runtime.store;

import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.store.ObjectStore;

/** Opens the host's object store as configured. */
public final class ObjectStoreFactory {
    private static final long DEFAULT_CAPACITY = 2L << 30;

    private ObjectStoreFactory() {
    }

    /** The store for a node with {@code settings}. */
    public static ObjectStore open(RayoSettings settings) {
        return new HeapObjectStore(settings.storeCapacity() < 0 ? DEFAULT_CAPACITY : settings.storeCapacity());
    }
}
