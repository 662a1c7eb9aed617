package dev.rayo.runtime;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that can't start, because its port is taken or its store directory can't be written, fails with a
 * one-line RayoException that names the port or the directory; nothing is left started, and a node started
 * right after with good settings works.
 */
class StartFailuresTest {

    @AfterEach
    void stop() {
        Rayo.shutdown();
    }

    @Test
    void portInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            RayoException e = assertThrows(RayoException.class,
                    () -> Rayo.init(RayoConfig.builder().numCpus(1).set("rayo.node.port", port).build()));
            assertOneLine(e.getMessage());
            assertTrue(e.getMessage().contains("port " + port) && e.getMessage().contains("in use"), e.getMessage());
            assertFalse(Rayo.isInitialized());
        }
        Rayo.init(RayoConfig.builder().numCpus(1).build());
        assertEquals(2, Rayo.get(Rayo.task(Fns::f, 1).remote()));
    }

    @Test
    void storeDirectoryThatIsAFileIsNamed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        for (Path bad : new Path[] {file, file.resolve("store")}) {
            RayoException e = assertThrows(RayoException.class,
                    () -> Rayo.init(RayoConfig.builder().numCpus(1).objectStoreDirectory(bad.toString()).build()));
            assertOneLine(e.getMessage());
            assertTrue(e.getMessage().contains("rayo.object-store.directory") && e.getMessage().contains(bad.toString())
                    && e.getMessage().contains("not a directory"), e.getMessage());
            assertFalse(Rayo.isInitialized());
        }
        assertEquals("x", Files.readString(file), "the file is left as it was");
        Path good = tmp.resolve("store");
        try {
            Rayo.init(RayoConfig.builder().numCpus(1).objectStoreDirectory(good.toString()).build());
            assertEquals(2, Rayo.get(Rayo.task(Fns::f, 1).remote()));
        } finally {
            Rayo.shutdown();
            LifecycleTest.deleteTree(good);
        }
    }

    @Test
    void spillDirectoryThatIsAFileIsNamed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        RayoException e = assertThrows(RayoException.class, () -> Rayo.init(RayoConfig.builder().numCpus(1)
                .objectStoreDirectory(tmp.resolve("store").toString())
                .set("rayo.object-store.spill-directory", file.toString()).build()));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains("rayo.object-store.spill-directory") && e.getMessage().contains(file.toString()),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("store")), "nothing was created for a node that did not start");
    }

    static void assertOneLine(String message) {
        assertTrue(message != null && !message.contains("\n") && !message.contains("Exception"), message);
    }
}
