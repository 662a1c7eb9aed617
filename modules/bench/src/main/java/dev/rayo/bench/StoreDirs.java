package dev.rayo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Object store directories private to this bench run, under /dev/shm when there is one: the bench must
 * not share a store with other Rayo processes on the host (their objects would count against its
 * capacity, and its 100 MB objects against theirs).
 */
final class StoreDirs {
    private StoreDirs() {
    }

    /** A fresh, unique directory path (not created: the store creates it). */
    static Path fresh(String label) {
        Path shm = Path.of("/dev/shm");
        Path root = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return root.resolve("rayo-bench-" + ProcessHandle.current().pid() + "-" + label + "-" + System.nanoTime());
    }

    /** Deletes {@code dir} and everything in it; quietly, since it runs in cleanup paths. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Best effort: a file still mapped by a dying process goes with tmpfs' next cleanup.
                }
            });
        } catch (IOException e) {
            // Best effort.
        }
    }
}
