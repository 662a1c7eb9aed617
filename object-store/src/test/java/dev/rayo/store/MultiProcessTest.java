package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.rayo.store.StoreTestSupport.id;
import static dev.rayo.store.StoreTestSupport.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real second JVMs on the same directory: sharing, and crashes (kill -9). */
class MultiProcessTest {
    private static final int CAPACITY = 16 << 20;

    private StoreTestSupport dirs;
    private SharedObjectStore store;

    @BeforeEach
    void open() {
        dirs = new StoreTestSupport();
        store = dirs.open(CAPACITY);
    }

    @AfterEach
    void close() {
        store.close();
        dirs.close();
    }

    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StoreChild.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the child's output until a line starting with {@code expected}; returns that line. */
    private static String awaitLine(Process child, String expected) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder all = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(expected)) {
                return line;
            }
            all.append(line).append('\n');
        }
        throw new AssertionError("child ended without " + expected + ":\n" + all);
    }

    @Test
    void secondJvmReadsAndWritesSharedObjects() throws Exception {
        String mine = id(1);
        String theirs = id(2);
        StoreTestSupport.put(store, mine, 3 << 20, 11);
        Process child = start("read", dirs.directory.toString(), mine, "11", String.valueOf(3 << 20),
            theirs, "22", String.valueOf(1 << 20));
        try {
            awaitLine(child, "OK");
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
        try (ReadableObject r = store.get(theirs).orElseThrow()) {
            assertTrue(matches(r.buffer(), 22, 1 << 20), "object written by the other JVM differs");
        }
        assertEquals((3 << 20) + (1 << 20), store.usedBytes());
    }

    @Test
    void secondJvmRestoresAnObjectSpilledByTheFirst() throws Exception {
        int size = 2 << 20;
        for (int i = 0; i < 3 * CAPACITY / size; i++) {
            StoreTestSupport.put(store, id(100 + i), size, 100 + i);
        }
        assertTrue(store.stats().objectsSpilled() > 0);
        assertFalse(Files.exists(dirs.objectsDir().resolve(id(100))), "first object should be spilled");
        Process child = start("read", dirs.directory.toString(), id(100), "100", String.valueOf(size),
            id(200), "200", String.valueOf(size));
        try {
            awaitLine(child, "OK");
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertTrue(store.usedBytes() <= CAPACITY);
        for (int i = 0; i < 3 * CAPACITY / size; i++) {
            try (ReadableObject r = store.get(id(100 + i)).orElseThrow()) {
                assertTrue(matches(r.buffer(), 100 + i, size), "object " + i);
            }
        }
        try (ReadableObject r = store.get(id(200)).orElseThrow()) {
            assertTrue(matches(r.buffer(), 200, size));
        }
    }

    @Test
    void killedWriterMidCreateLeavesNoLostCapacity() throws Exception {
        String id = id(3);
        long size = 8 << 20;
        Process child = start("crash-create", dirs.directory.toString(), id, String.valueOf(size));
        try {
            awaitLine(child, "CREATED");
            assertEquals(size, store.usedBytes(), "the child's reservation is host-wide");
            assertFalse(store.contains(id));
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(size, store.usedBytes(), "nothing reclaimed before a sweep");
        assertEquals(1, store.sweepDeadProcesses());
        assertEquals(0, store.usedBytes(), "capacity not whole again after the sweep");
        assertEquals(0, dirs.objectFileCount(), "unsealed file of the dead writer left behind");
        // The id and the space are usable again.
        StoreTestSupport.put(store, id, CAPACITY, 3);
        assertEquals(CAPACITY, store.usedBytes());
    }

    @Test
    void newStoreOpeningTheDirectoryReclaimsAKilledWriter() throws Exception {
        long size = 4 << 20;
        Process child = start("crash-create", dirs.directory.toString(), id(4), String.valueOf(size));
        try {
            awaitLine(child, "CREATED");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        try (SharedObjectStore fresh = ObjectStores.open(dirs.config(CAPACITY).build())) {
            assertEquals(0, fresh.usedBytes(), "opening a store must sweep dead processes");
        }
    }

    @Test
    void pinsOfAKilledReaderAreReleased() throws Exception {
        String id = id(5);
        StoreTestSupport.put(store, id, 2 << 20, 5);
        Process child = start("pin", dirs.directory.toString(), id);
        try {
            assertEquals("PINNED " + (2 << 20), awaitLine(child, "PINNED"));
            assertTrue(store.delete(id));
            assertTrue(Files.exists(dirs.objectsDir().resolve(id)), "deleted under a reader of another JVM");
            assertEquals(2 << 20, store.usedBytes());
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        store.sweepDeadProcesses();
        assertEquals(0, store.usedBytes(), "deferred delete not completed after the reader died");
        assertFalse(Files.exists(dirs.objectsDir().resolve(id)));
    }
}
