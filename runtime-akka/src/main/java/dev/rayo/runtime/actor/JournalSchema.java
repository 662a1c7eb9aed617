package dev.rayo.runtime.actor;

import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.config.JournalDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Creates the tables of the journal of JOURNAL and CHECKPOINT actors (akka-persistence-jdbc 5.x: event journal,
 * event tags, snapshots, durable state) when they do not exist, in H2 or PostgreSQL.
 *
 * <p>Why not akka-persistence-jdbc's own {@code SchemaUtils.createIfNotExists}: it is a testkit class (API
 * that may change, meant for tests), opens a second Slick database with its own connection pool just for the
 * DDL, and swallows every {@link SQLException} (logged at debug), so a journal that can't be created (wrong
 * password, no permission) only shows up later, as failures of the first persisted call. Here the DDL that
 * akka-persistence-jdbc ships in its jar ({@code schema/h2/h2-create-schema.sql},
 * {@code schema/postgres/postgres-create-schema.sql}) is read from the classpath, every statement is made
 * idempotent ({@code CREATE TABLE/INDEX/SEQUENCE IF NOT EXISTS}; a statement that can't be is refused rather than
 * run twice), and it runs over plain JDBC, once, reporting any failure. On PostgreSQL the statements run in one
 * transaction behind an advisory lock, so nodes starting together don't race on the same {@code CREATE}.
 *
 * <p>The database is the journal's: {@code jdbc-journal.use-shared-db} names a shared database, whose settings
 * are at {@code akka-persistence-jdbc.shared-databases.<name>.db} (Rayo's {@code "slick"}: rayo-node.conf,
 * config/postgres.conf), else {@code jdbc-journal.slick.db}; its {@code url}, {@code user}, {@code password} and
 * {@code driver} are used. The tables get akka-persistence-jdbc's default names (the shipped H2 DDL quotes them
 * in lower case, as akka-persistence-jdbc queries them, which Rayo's H2 URL keeps with
 * {@code DATABASE_TO_UPPER=false}); table names changed with {@code jdbc-journal.tables.*} are not followed.
 */
public final class JournalSchema {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JournalSchema.class);

    /** The advisory lock PostgreSQL creators take (an arbitrary constant: "rayo" + "jour"). */
    private static final long POSTGRES_LOCK = 0x7261796f6a6f7572L;

    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)--.*$");
    private static final Pattern CONCURRENTLY = Pattern.compile("(?is)^(CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+)CONCURRENTLY\\s+");
    private static final Pattern MISSING_IF_NOT_EXISTS =
            Pattern.compile("(?is)^CREATE\\s+(TABLE|(?:UNIQUE\\s+)?INDEX|SEQUENCE)\\s+(?!IF\\s+NOT\\s+EXISTS\\s)");
    private static final Pattern IDEMPOTENT =
            Pattern.compile("(?is)^CREATE\\s+(TABLE|(?:UNIQUE\\s+)?INDEX|SEQUENCE)\\s+IF\\s+NOT\\s+EXISTS\\s.*");

    /** The databases whose DDL this class knows. */
    public enum Database {
        /** H2 2.x, as a file on this host (Rayo's one-node default). */
        H2("schema/h2/h2-create-schema.sql"),
        /** PostgreSQL 9.5 or later (IF NOT EXISTS on indexes). */
        POSTGRES("schema/postgres/postgres-create-schema.sql");

        private final String script;

        Database(String script) {
            this.script = script;
        }

        /** The path of akka-persistence-jdbc's DDL for this database, on the classpath. */
        public String script() {
            return script;
        }

        /**
         * The database of a JDBC URL.
         *
         * @throws RayoException for any other database
         */
        public static Database of(String jdbcUrl) {
            String url = jdbcUrl.toLowerCase(Locale.ROOT);
            if (url.startsWith("jdbc:h2:")) {
                return H2;
            }
            if (url.startsWith("jdbc:postgresql:")) {
                return POSTGRES;
            }
            throw new RayoException("the journal's tables can be created in H2 or PostgreSQL only, not at "
                    + redact(jdbcUrl) + ": create them yourself (akka-persistence-jdbc's schema/ DDL) and set"
                    + " rayo.persistence.create-schema = off");
        }
    }

    private JournalSchema() {
    }

    /**
     * Creates the journal's tables in the database the journal of {@code system} is configured with, when they
     * do not exist; does nothing to tables that do.
     *
     * @param timeout how long connecting and creating may take
     * @throws RayoException when the database can't be reached, the DDL fails, or {@code timeout} passes
     */
    public static void createIfMissing(ActorSystem<?> system, Duration timeout) {
        createIfMissing(system.settings().config(), timeout);
    }

    /** As {@link #createIfMissing(ActorSystem, Duration)}, with the actor system's configuration. */
    public static void createIfMissing(Config config, Duration timeout) {
        JournalDatabase db = JournalDatabase.of(config);
        List<String> ddl = statements(Database.of(db.url()));
        FutureTask<Void> task = new FutureTask<>(() -> {
            apply(db, ddl, timeout);
            return null;
        });
        Thread worker = new Thread(task, "rayo-journal-schema");
        worker.setDaemon(true);
        worker.start();
        try {
            task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new RayoException("the journal's tables at " + redact(db.url()) + " (" + db.path()
                    + ") could not be created within " + timeout + " (rayo.persistence.create-schema-timeout)", e);
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new RayoException("interrupted while creating the journal's tables at " + redact(db.url()), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RayoException rayo) {
                throw rayo;
            }
            throw new RayoException("the journal's tables at " + redact(db.url()) + " (" + db.path()
                    + ") could not be created: " + cause, cause);
        }
    }

    /**
     * The statements run for {@code database}: akka-persistence-jdbc's DDL, each made idempotent.
     *
     * @throws RayoException when the DDL is missing from the classpath or holds a statement that can't be
     *                       made idempotent (a newer akka-persistence-jdbc; this class must then learn it)
     */
    public static List<String> statements(Database database) {
        String script;
        try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(database.script())) {
            if (in == null) {
                throw new RayoException(database.script() + " of akka-persistence-jdbc is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RayoException("can't read " + database.script() + " of akka-persistence-jdbc: " + e, e);
        }
        List<String> statements = new ArrayList<>();
        for (String raw : LINE_COMMENT.matcher(script).replaceAll("").split(";")) {
            String statement = raw.trim();
            if (statement.isEmpty()) {
                continue;
            }
            // CONCURRENTLY can't run in a transaction; the indexes are made on new, empty tables anyway.
            statement = CONCURRENTLY.matcher(statement).replaceFirst("$1");
            statement = MISSING_IF_NOT_EXISTS.matcher(statement).replaceFirst("CREATE $1 IF NOT EXISTS ");
            if (!IDEMPOTENT.matcher(statement).matches()) {
                throw new RayoException("a statement of " + database.script() + " can't be made idempotent: "
                        + statement);
            }
            statements.add(statement);
        }
        return List.copyOf(statements);
    }

    private static void apply(JournalDatabase db, List<String> ddl, Duration timeout) throws SQLException {
        Database database = Database.of(db.url());
        int seconds = JournalDatabase.seconds(timeout);
        try (Connection connection = db.connect(timeout)) {
            boolean transaction = database == Database.POSTGRES;
            connection.setAutoCommit(!transaction);
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds);
                if (transaction) {
                    // Released at commit or rollback: creators on other nodes wait, then find the tables.
                    statement.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK + ")");
                }
                for (String sql : ddl) {
                    LOG.debug("journal schema: {}", sql);
                    statement.execute(sql);
                }
                if (transaction) {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (transaction) {
                    try {
                        connection.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw e;
            }
        }
        LOG.debug("journal tables present at {}", redact(db.url()));
    }

    /** A JDBC URL without its parameters, which may hold a password. */
    private static String redact(String url) {
        return JournalDatabase.redact(url);
    }
}
