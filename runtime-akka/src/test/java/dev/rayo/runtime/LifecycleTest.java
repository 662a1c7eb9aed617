package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.api.exception.ObjectStoreFullException;
import dev.rayo.api.exception.RayoConfigException;
import dev.rayo.api.exception.RayoException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** init / shutdown / re-init, configuration errors, and errors that need their own runtime. */
class LifecycleTest {

    @AfterEach
    void stop() {
        Rayo.shutdown();
    }

    @Test
    void shutdownIsIdempotentAndInitWorksAgain() {
        assertFalse(Rayo.isInitialized());
        Rayo.init(RayoConfig.builder().numCpus(1).build());
        assertTrue(Rayo.isInitialized());
        Rayo.shutdown();
        Rayo.shutdown();
        assertFalse(Rayo.isInitialized());
        assertThrows(RayoException.class, () -> Rayo.put(1), "clear error when not initialized");
        Rayo.init(RayoConfig.builder().numCpus(1).build());
        assertEquals(2, Rayo.get(Rayo.task(Fns::f, 1).remote()));
    }

    @Test
    void refOfAShutDownOwnerIsLost() {
        Rayo.init(RayoConfig.builder().numCpus(1).build());
        ObjectRef<Integer> old = Rayo.put(7);
        Rayo.shutdown();
        Rayo.init(RayoConfig.builder().numCpus(1).build());
        ObjectLostException e = assertThrows(ObjectLostException.class, () -> Rayo.get(old, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains(old.id()), e.getMessage());
    }

    @Test
    void storeFullWhenAValueCannotFit(@org.junit.jupiter.api.io.TempDir Path spill) throws IOException {
        Path dir = Files.createTempDirectory(Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir")), "rayo-full-");
        try {
            Rayo.init(RayoConfig.builder().numCpus(1).objectStoreBytes(1 << 20).objectStoreDirectory(dir.toString())
                    .set("rayo.object-store.spill-directory", spill.toString()).build());
            ObjectStoreFullException e = assertThrows(ObjectStoreFullException.class, () -> Rayo.put(new double[1 << 19]));
            assertTrue(e.getMessage().contains("bytes"), e.getMessage());
            assertEquals(3, Rayo.get(Rayo.put(3)), "nothing half-written: the store still works");
        } finally {
            Rayo.shutdown();
            deleteTree(dir);
        }
    }

    @Test
    void unknownConfigKeyIsRejectedByName() {
        RayoConfigException e = assertThrows(RayoConfigException.class,
                () -> Rayo.init(RayoConfig.builder().set("rayo.num-cpu", 2).build()));
        assertTrue(e.getMessage().contains("rayo.num-cpu"), e.getMessage());
        assertFalse(Rayo.isInitialized());
    }

    @Test
    void malformedConfigValueNamesTheKey() {
        RayoConfigException e = assertThrows(RayoConfigException.class,
                () -> Rayo.init(RayoConfig.builder().set("rayo.num-cpus", "many").build()));
        assertTrue(e.getMessage().contains("rayo.num-cpus"), e.getMessage());
        RayoConfigException neg = assertThrows(RayoConfigException.class,
                () -> Rayo.init(RayoConfig.builder().set("rayo.task.max-retries", -1).build()));
        assertTrue(neg.getMessage().contains("rayo.task.max-retries"), neg.getMessage());
        assertThrows(RayoConfigException.class,
                () -> Rayo.init(RayoConfig.builder().set("rayo.inline-threshold-bytes", "lots").build()));
        RayoConfigException chunk = assertThrows(RayoConfigException.class,
                () -> Rayo.init(RayoConfig.builder().set("rayo.transfer.chunk-bytes", "1 MiB").build()));
        assertTrue(chunk.getMessage().contains("rayo.transfer.chunk-bytes") && chunk.getMessage().contains("Artery"),
                chunk.getMessage());
        assertFalse(Rayo.isInitialized());
    }

    @Test
    void wrongAddressGivesATypedError() {
        RayoConfigException e = assertThrows(RayoConfigException.class,
                () -> Rayo.init(RayoConfig.builder().address("no-port-here").build()));
        assertTrue(e.getMessage().contains("host:port"), e.getMessage());
        assertThrows(RayoConfigException.class, () -> Rayo.init(RayoConfig.builder().address("localhost:99999").build()));
    }

    @Test
    void unreachableAddressFailsWithinTheStartupTimeout() {
        RayoException e = assertThrows(RayoException.class, () -> Rayo.init(RayoConfig.builder()
                .address("127.0.0.1:1").set("rayo.startup-timeout", "2s").build()));
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        assertFalse(Rayo.isInitialized());
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
