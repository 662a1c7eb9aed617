package dev.rayo.tune;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The experiment directory: {@code experiment.bin} (the settings and every trial's id and first config), and per
 * trial {@code <trialId>/state.bin} (config, history, status, checkpoint position) and
 * {@code <trialId>/checkpoint_<iteration>.bin}. Files are Java-serialized and replaced atomically (write, then
 * rename), so a driver killed mid-write leaves the previous version, never a torn one. The checkpoint is written
 * before the state that names it, for the same reason.
 */
final class ExperimentStore {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentStore.class);
    static final String EXPERIMENT_FILE = "experiment.bin";

    private final Path dir;

    ExperimentStore(Path dir) {
        this.dir = dir;
    }

    /** What {@code experiment.bin} holds. */
    record Experiment(Settings settings, List<String> trialIds, List<Map<String, Object>> configs)
            implements Serializable {
    }

    /** What a trial's {@code state.bin} holds. */
    record TrialRecord(Map<String, Object> config, List<Map<String, Object>> history, TrialStatus status,
                       Throwable error, String endReason, int failures, boolean hasCheckpoint,
                       int checkpointIteration, double checkpointTime) implements Serializable {
    }

    /** Writes the experiment's description, once, when it starts. */
    void saveExperiment(Experiment experiment) {
        write(dir.resolve(EXPERIMENT_FILE), experiment);
    }

    /** Reads the experiment's description. */
    Experiment loadExperiment() {
        Path file = dir.resolve(EXPERIMENT_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a Rayo Tune experiment directory: it has no "
                    + EXPERIMENT_FILE);
        }
        return (Experiment) read(file);
    }

    /**
     * Writes the trial's latest checkpoint as {@code checkpoint_<iteration>.bin}. The state written later names
     * the iteration it goes with, so a state file and its checkpoint always match, even when the driver dies
     * between the two writes.
     */
    void saveCheckpoint(TrialState t) {
        write(checkpointFile(t.id, t.checkpointIteration), t.checkpoint);
    }

    private Path checkpointFile(String id, int iteration) {
        return dir.resolve(id).resolve("checkpoint_" + iteration + ".bin");
    }

    /** Removes the checkpoints older than the one the state names: they can no longer be resumed from. */
    private void pruneCheckpoints(String id, int keep) {
        try (var files = Files.list(dir.resolve(id))) {
            files.filter(f -> f.getFileName().toString().matches("checkpoint_\\d+\\.bin"))
                    .filter(f -> Integer.parseInt(f.getFileName().toString().replaceAll("\\D", "")) < keep)
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.debug("prune {}: {}", id, e.toString());
        }
    }

    /** Writes the trial's state (after its checkpoint). */
    void saveTrial(TrialState t) {
        Throwable error = t.error;
        if (error != null && !serializable(error)) {
            // A user exception that won't serialize is kept as its text, not lost.
            error = new RuntimeException(error.toString());
        }
        write(dir.resolve(t.id).resolve("state.bin"), new TrialRecord(t.config, new ArrayList<>(t.history),
                t.ended() ? t.status : null, error, t.endReason, t.failures, t.hasCheckpoint, t.checkpointIteration,
                t.checkpointTime));
        t.dirty = false;
        if (t.hasCheckpoint) {
            pruneCheckpoints(t.id, t.checkpointIteration);
        }
    }

    /** The stored record of trial {@code id}, if it has one yet (for tools and tests that inspect a run). */
    java.util.Optional<TrialRecord> loadRecord(String id) {
        Path state = dir.resolve(id).resolve("state.bin");
        return Files.isRegularFile(state) ? java.util.Optional.of((TrialRecord) read(state))
                : java.util.Optional.empty();
    }

    /**
     * Loads a trial as stored: an ended trial as it ended; an unfinished one rewound to its checkpoint, ready to
     * resume; one never saved as pending.
     */
    void loadTrial(TrialState t) {
        Path state = dir.resolve(t.id).resolve("state.bin");
        if (!Files.isRegularFile(state)) {
            return;
        }
        TrialRecord r = (TrialRecord) read(state);
        t.config = r.config();
        t.history.addAll(r.history());
        t.failures = r.failures();
        Object cp = null;
        if (r.hasCheckpoint()) {
            cp = read(checkpointFile(t.id, r.checkpointIteration()));
        }
        t.iteration = t.history.isEmpty() ? 0
                : ((Number) t.history.get(t.history.size() - 1).get("training_iteration")).intValue();
        if (r.status() != null) {
            t.hasCheckpoint = r.hasCheckpoint();
            t.checkpoint = cp;
            t.checkpointIteration = r.checkpointIteration();
            t.checkpointTime = r.checkpointTime();
            t.end(r.status(), r.endReason(), r.error());
        } else {
            t.rewindTo(r.hasCheckpoint(), cp, r.checkpointIteration(), r.checkpointTime());
        }
        t.dirty = false;
    }

    private static boolean serializable(Object o) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(o);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(tmp))) {
                out.writeObject(value);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (NotSerializableException e) {
            LOG.warn("cannot store {}: {} is not serializable", file, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Object read(Path file) {
        try (InputStream in = Files.newInputStream(file);
             ObjectInputStream objects = new ContextObjectInputStream(in)) {
            return objects.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
    }

    /** Resolves classes with the thread's context loader, where the user's checkpoint classes live. */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // Fall back to the default resolution (primitives, JDK classes).
                }
            }
            return super.resolveClass(desc);
        }
    }
}
