package dev.rayo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The nodes {@code rayo start} launched on this machine, one file per process, so {@code rayo stop} finds
 * them. Lives under {@code $RAYO_STATE_DIR} (default {@code <tmp>/rayo-<user>}).
 */
final class NodeRegistry {
    private final Path dir;

    NodeRegistry(Path dir) {
        this.dir = dir;
    }

    static NodeRegistry standard() {
        String configured = System.getenv("RAYO_STATE_DIR");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "rayo-" + System.getProperty("user.name"));
        return new NodeRegistry(dir);
    }

    Path dir() {
        return dir;
    }

    Path logFile(long pid) {
        return dir.resolve("node-" + pid + ".log");
    }

    void record(long pid, String address) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(pid + ".node"), address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget(long pid) {
        try {
            Files.deleteIfExists(dir.resolve(pid + ".node"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded node as (pid, address). */
    List<Recorded> recorded() {
        List<Recorded> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".node")).toList()) {
                String name = f.getFileName().toString();
                out.add(new Recorded(Long.parseLong(name.substring(0, name.length() - 5)), Files.readString(f).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A node this machine started. */
    record Recorded(long pid, String address) {
    }
}
