package dev.rayo.runtime.transfer;

import dev.rayo.runtime.wire.Ids;
import dev.rayo.store.ObjectStores;
import dev.rayo.store.SharedObjectStore;
import dev.rayo.store.StoreConfig;
import dev.rayo.store.WritableObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/** The stores the transfer tests copy between: one small store per simulated host, and objects to put in it. */
final class TestStores {
    private TestStores() {
    }

    /** A 64 MB store in {@code dir/name}, spilling to {@code dir/name-spill}, with no background sweep. */
    static SharedObjectStore open(Path dir, String name) {
        return ObjectStores.open(StoreConfig.builder().directory(dir.resolve(name)).spillDirectory(dir.resolve(name + "-spill"))
                .capacityBytes(64 << 20).maxObjects(64).maxProcesses(4).sweepInterval(Duration.ZERO).build());
    }

    /** Puts {@code bytes} into {@code store} as a sealed object tagged {@code tag}; returns its id. */
    static String put(SharedObjectStore store, byte[] bytes, int tag) {
        String id = Ids.next();
        try (WritableObject w = store.create(id, bytes.length, tag)) {
            w.buffer().put(bytes);
            w.seal();
        }
        return id;
    }

    /** {@code size} random bytes, the same for the same size. */
    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
