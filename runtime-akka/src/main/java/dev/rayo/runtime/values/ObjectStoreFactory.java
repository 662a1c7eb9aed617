package dev.rayo.runtime.values;

import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.store.ObjectStore;
import dev.rayo.store.ObjectStores;
import dev.rayo.store.StoreConfig;

/** Opens the host's shared, memory-mapped object store as the node's settings say. */
public final class ObjectStoreFactory {
    private ObjectStoreFactory() {
    }

    /** The store for a node with {@code settings}; every Rayo JVM of the host with the same directory shares it. */
    public static ObjectStore open(RayoSettings settings) {
        StoreConfig.Builder config = StoreConfig.builder()
                .clusterName(settings.clusterName())
                .directory(settings.effectiveStoreDirectory())
                .spillDirectory(settings.effectiveSpillDirectory())
                .warmSpareMinBytes(settings.storeWarmSpareMinBytes());
        if (settings.storeCapacity() >= 0) {
            config.capacityBytes(settings.storeCapacity());
        }
        return ObjectStores.open(config.build());
    }
}
