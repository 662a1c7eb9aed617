package dev.rayo.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.rayo.api.exception.RayoException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Where the journal's database is and how to open a plain JDBC connection to it, read from the same settings
 * akka-persistence-jdbc uses, so everything Rayo writes beside the journal (its tables, exported task events)
 * goes where the journal goes without settings of its own: {@code jdbc-journal.use-shared-db} names a shared
 * database, whose settings are at {@code akka-persistence-jdbc.shared-databases.<name>.db} (Rayo's
 * {@code "slick"}: rayo-node.conf, config/postgres.conf), else {@code jdbc-journal.slick.db}; its {@code url},
 * {@code user}, {@code password} and {@code driver} are used.
 *
 * @param path     the configuration path of the database's settings, for messages
 * @param url      the JDBC URL
 * @param user     the user, or null
 * @param password the password, or null
 * @param driver   the JDBC driver class, or null to let {@link DriverManager} find one
 */
public record JournalDatabase(String path, String url, String user, String password, String driver) {

    /**
     * The H2 URL of a journal file on this host: {@code AUTO_SERVER} lets every Rayo JVM of the host share it,
     * {@code DATABASE_TO_UPPER=false} keeps the lower-case names akka-persistence-jdbc queries.
     */
    public static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";DATABASE_TO_UPPER=false;AUTO_SERVER=TRUE";
    }

    /**
     * The journal's database as {@code config} (a node's full configuration) sets it. Outside a node, where the
     * H2 URL of {@code rayo.persistence.journal = "h2"} is not filled in yet, it is the H2 file of
     * {@code rayo.persistence.h2-file}.
     *
     * @throws RayoException when the settings can't be read or name no URL
     */
    public static JournalDatabase of(Config config) {
        try {
            String shared = config.hasPath("jdbc-journal.use-shared-db")
                    ? config.getString("jdbc-journal.use-shared-db").trim() : "";
            String path = shared.isEmpty() ? "jdbc-journal.slick.db" : "akka-persistence-jdbc.shared-databases." + shared + ".db";
            String url;
            if (config.hasPath(path + ".url")) {
                url = config.getString(path + ".url");
            } else if (config.hasPath("rayo.persistence.journal") && config.getString("rayo.persistence.journal").equals("h2")) {
                url = h2Url(RayoSettings.from(config).effectiveH2File());
            } else {
                throw new RayoException("the journal's database has no url: set " + path + ".url");
            }
            return new JournalDatabase(path, url, optional(config, path + ".user"), optional(config, path + ".password"),
                    optional(config, path + ".driver"));
        } catch (ConfigException e) {
            throw new RayoException("the journal's database settings can't be read: " + e.getMessage(), e);
        }
    }

    private static String optional(Config config, String path) {
        return config.hasPath(path) ? config.getString(path) : null;
    }

    /** Whether it is PostgreSQL (which takes a login timeout and advisory locks). */
    public boolean isPostgres() {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    /**
     * Opens a connection (the caller closes it).
     *
     * @param timeout how long logging in may take, where the driver supports it (PostgreSQL)
     * @throws RayoException when the driver is not on the classpath
     * @throws SQLException  when the database can't be reached or refuses the login
     */
    public Connection connect(Duration timeout) throws SQLException {
        if (driver != null) {
            try {
                Class.forName(driver, true, JournalDatabase.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new RayoException("the journal's JDBC driver " + driver + " (" + path
                        + ".driver) is not on the classpath", e);
            }
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (isPostgres()) {
            properties.putIfAbsent("loginTimeout", Integer.toString(seconds(timeout)));
        }
        return DriverManager.getConnection(url, properties);
    }

    /** {@code timeout} in whole seconds, at least 1: what JDBC's query and login timeouts take. */
    public static int seconds(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }

    /** The URL without its parameters, which may hold a password: for messages and logs. */
    public String redactedUrl() {
        return redact(url);
    }

    /** {@code url} without its parameters, which may hold a password. */
    public static String redact(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public String toString() {
        return redactedUrl() + " (" + path + ")";
    }
}
