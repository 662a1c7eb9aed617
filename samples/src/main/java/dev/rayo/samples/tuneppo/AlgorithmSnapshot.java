package dev.rayo.samples.tuneppo;

import dev.rayo.rl.Algorithm;
import dev.rayo.rl.Algorithms;
import dev.rayo.rl.EnvCreator;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An {@link Algorithm}'s checkpoint as a value: the files {@link Algorithm#save} writes, held in memory. Rayo RL
 * checkpoints to a directory, but a Tune checkpoint must travel (to the driver, to another node after a failure,
 * to another trial under PBT), so the directory's bytes travel instead and are written back to a scratch
 * directory where {@link Algorithms#restore} reads them. The snapshot does not look inside the files, so it keeps
 * working whatever format Rayo RL chooses.
 */
public final class AlgorithmSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, byte[]> files;
    private final int iteration;

    private AlgorithmSnapshot(Map<String, byte[]> files, int iteration) {
        this.files = files;
        this.iteration = iteration;
    }

    /** Saves {@code algorithm} to a scratch directory and keeps its files. */
    public static AlgorithmSnapshot of(Algorithm algorithm) {
        Path dir = scratch();
        try {
            algorithm.save(dir);
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (Stream<Path> list = Files.list(dir)) {
                for (Path f : list.sorted().toList()) {
                    if (Files.isRegularFile(f)) {
                        files.put(f.getFileName().toString(), Files.readAllBytes(f));
                    }
                }
            }
            return new AlgorithmSnapshot(files, algorithm.iteration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint saved in " + dir, e);
        } finally {
            delete(dir);
        }
    }

    /** Rebuilds the algorithm (its config, weights and counters) with its env made by {@code env}. */
    public Algorithm restore(EnvCreator env) {
        Path dir = scratch();
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            return Algorithms.restore(dir, env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint to " + dir, e);
        } finally {
            delete(dir);
        }
    }

    /** The training iterations the saved algorithm had run. */
    public int iteration() {
        return iteration;
    }

    /** The snapshot's size in bytes, for reports. */
    public long bytes() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("rayo-algorithm-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for a checkpoint", e);
        }
    }

    /** Best effort: a scratch directory left behind costs disk space, not correctness. */
    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // the temporary directory is the OS's to clean up then
        }
    }
}
