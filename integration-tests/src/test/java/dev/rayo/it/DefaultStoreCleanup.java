package dev.rayo.it;

import dev.rayo.store.ObjectStores;
import dev.rayo.store.StoreConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;

/**
 * After a test class, attaches to the host's default store directory and leaves it again: nodes the class
 * killed never left it, and the last process out of an empty store removes it from /dev/shm. A store that
 * still holds objects stays, as it must for any process.
 */
final class DefaultStoreCleanup implements AfterAllCallback {
    private static final String CLUSTER = "rayo";

    @Override
    public void afterAll(ExtensionContext context) {
        if (Files.isDirectory(StoreConfig.defaults(CLUSTER).directory())) {
            ObjectStores.open(CLUSTER).close();
        }
    }
}
