package dev.rayo.cli;

import com.typesafe.config.Config;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoException;
import dev.rayo.dashboard.query.StateQueries;
import dev.rayo.runtime.config.ConfigLoader;
import dev.rayo.runtime.config.JournalDatabase;
import dev.rayo.runtime.events.ExportedEvents;
import dev.rayo.runtime.state.ExportedHistory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The CLI's reading of the journal database ({@code --journal}): the task events that nodes exported, answered by
 * the same state queries as a running cluster. The database is the one a node started with the same config would
 * use: the config file is layered exactly as {@code rayo start --config FILE} layers it ({@link StartCommand#fileSettings},
 * then {@link ConfigLoader}), so no second set of settings is needed. The database is read on a thread of its own.
 */
final class JournalHistory implements AutoCloseable {
    /** How long logging in to the database and the query may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService reader;
    private final StateQueries queries;

    private JournalHistory(ExecutorService reader, StateQueries queries) {
        this.reader = reader;
        this.queries = queries;
    }

    /**
     * The journal of the nodes configured by {@code options}' file (or application.conf and the defaults) in
     * cluster {@code clusterName} (which names the default H2 file).
     *
     * @throws RayoException with a one-line message when the file or the settings can't be read
     */
    static JournalHistory open(JournalOptions options, String clusterName) {
        Path file = options.configFile;
        if (file != null && !Files.isRegularFile(file)) {
            throw new RayoException("no config file " + file.toAbsolutePath());
        }
        RayoConfig.Builder settings = StartCommand.fileSettings(file).set("rayo.cluster-name", clusterName);
        Config full = ConfigLoader.load(settings.build());
        ExportedEvents events = new ExportedEvents(existingOnly(JournalDatabase.of(full)), TIMEOUT);
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rayo-journal-reader");
            t.setDaemon(true);
            return t;
        });
        return new JournalHistory(reader, StateQueries.ofHistory(new ExportedHistory(events, reader)));
    }

    /**
     * {@code db}, opened only when it exists: reading must not leave an empty H2 file where no node ever wrote
     * (H2 creates a missing database on connect otherwise).
     */
    static JournalDatabase existingOnly(JournalDatabase db) {
        if (!db.url().startsWith("jdbc:h2:file:") || db.url().toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS")) {
            return db;
        }
        return new JournalDatabase(db.path(), db.url() + ";IFEXISTS=TRUE", db.user(), db.password(), db.driver());
    }

    /** The task queries, answered from the journal. */
    StateQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
