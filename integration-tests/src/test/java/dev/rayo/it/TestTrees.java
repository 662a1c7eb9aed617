package dev.rayo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the directories (store folders, logs) the cluster tests create, once their processes are gone. */
final class TestTrees {
    private TestTrees() {
    }

    /** Deletes {@code dir} and everything under it; nothing happens when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
