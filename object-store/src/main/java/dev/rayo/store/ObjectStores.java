package dev.rayo.store;

/** Entry point: opens the host's shared object store. */
public final class ObjectStores {
    private ObjectStores() {
    }

    /**
     * Opens the store described by {@code config}, creating its directory and control file when this is the
     * first process on the host to use them.
     */
    public static SharedObjectStore open(StoreConfig config) {
        return SharedObjectStore.open(config);
    }

    /** Opens the store of a cluster with every default (see {@link StoreConfig}). */
    public static SharedObjectStore open(String clusterName) {
        return SharedObjectStore.open(StoreConfig.defaults(clusterName));
    }
}
