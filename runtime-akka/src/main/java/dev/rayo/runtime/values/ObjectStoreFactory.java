package dev.rayo.runtime.values;

import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.store.ObjectStore;
import dev.rayo.store.ObjectStores;
import dev.rayo.store.StoreConfig;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the host's shared, memory-mapped object store as the node's settings say. */
public final class ObjectStoreFactory {
    static final String DIRECTORY_KEY = "rayo.object-store.directory";
    static final String SPILL_KEY = "rayo.object-store.spill-directory";

    private ObjectStoreFactory() {
    }

    /**
     * The store for a node with {@code settings}; every Rayo JVM of the host with the same directory shares it.
     *
     * @throws RayoException naming the directory when the store can't be created or opened there
     */
    public static ObjectStore open(RayoSettings settings) {
        checkDirectories(settings);
        StoreConfig.Builder config = StoreConfig.builder()
                .clusterName(settings.clusterName())
                .directory(settings.effectiveStoreDirectory())
                .spillDirectory(settings.effectiveSpillDirectory())
                .warmSpareMinBytes(settings.storeWarmSpareMinBytes());
        if (settings.storeCapacity() >= 0) {
            config.capacityBytes(settings.storeCapacity());
        }
        try {
            return ObjectStores.open(config.build());
        } catch (UncheckedIOException e) {
            throw new RayoException("the object store in " + settings.effectiveStoreDirectory() + " (" + DIRECTORY_KEY
                    + ") can't be opened: " + e.getMessage() + ": " + reason(e.getCause()), e);
        }
    }

    /**
     * Fails, naming the key and the directory, when the store or spill directory of {@code settings} is a file
     * or is not writable, without creating anything: a node checks this before it joins the cluster, so that
     * a bad directory stops it at start, not at its first object.
     *
     * @throws RayoException naming the key and the directory
     */
    public static void checkDirectories(RayoSettings settings) {
        checkDirectory(DIRECTORY_KEY, settings.effectiveStoreDirectory());
        checkDirectory(SPILL_KEY, settings.effectiveSpillDirectory());
    }

    /** Checks that {@code dir} is a writable directory, or can be created as one in its nearest existing parent. */
    static void checkDirectory(String key, Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // Nothing of the path exists, not even its root: the store's own error will say so.
        }
        if (!Files.isDirectory(existing)) {
            throw new RayoException(key + " " + dir + " can't be used: " + existing + " is a file, not a directory");
        }
        if (!Files.isWritable(existing)) {
            throw new RayoException(key + " " + dir + " can't be used: " + existing + " is not writable");
        }
    }

    /** What went wrong with a file, in words (the exception's own message is often just the path). */
    private static String reason(Throwable cause) {
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return cause == null || cause.getMessage() == null ? "I/O error" : cause.getMessage();
    }
}
