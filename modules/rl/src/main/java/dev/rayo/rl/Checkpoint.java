package dev.rayo.rl;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Algorithm#save} writes: the algorithm's name, its config (without the env creator, which the
 * restorer supplies, as RLlib re-registers envs), the learned state and the counters. Stored as
 * {@code checkpoint.ser} (Java serialization, written to a temporary file and moved, so a crash never leaves a
 * torn checkpoint) next to a human-readable {@code algorithm.txt}.
 */
record Checkpoint(String algorithm, AlgorithmConfig<?> config, Map<String, double[]> state, int iteration,
        long timestepsTotal) implements Serializable {
    static final String FILE = "checkpoint.ser";

    static void write(Path dir, Checkpoint checkpoint) {
        AlgorithmConfig<?> withoutEnv = checkpoint.config.copy();
        withoutEnv.env(null);
        Checkpoint stripped = new Checkpoint(checkpoint.algorithm, withoutEnv, new LinkedHashMap<>(checkpoint.state),
                checkpoint.iteration, checkpoint.timestepsTotal);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, FILE, ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp); ObjectOutputStream out = new ObjectOutputStream(os)) {
                out.writeObject(stripped);
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(dir.resolve("algorithm.txt"), checkpoint.algorithm + "\niteration "
                    + checkpoint.iteration + "\ntimesteps " + checkpoint.timestepsTotal + "\n" + withoutEnv + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint to " + dir, e);
        }
    }

    static Checkpoint read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no checkpoint in " + dir + ": " + FILE + " is missing");
        }
        try (InputStream is = Files.newInputStream(file); ObjectInputStream in = new ObjectInputStream(is)) {
            return (Checkpoint) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("cannot read checkpoint " + file + ": " + e, e);
        }
    }
}
