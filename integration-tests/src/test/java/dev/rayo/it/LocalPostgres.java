package dev.rayo.it;

import dev.rayo.api.RayoConfig;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL server for one test class, run from the machine's PostgreSQL binaries (Debian's
 * {@code postgresql} package; .ci/run installs it when missing) on a free port with trust authentication.
 * As root it runs the server as the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
final class LocalPostgres implements AutoCloseable {
    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private LocalPostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates a database cluster in a temporary folder and starts it. */
    static LocalPostgres start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("rayo-pg-");
        int port = TestNodes.freePort();
        LocalPostgres pg = new LocalPostgres(bin, data, port, root);
        if (root) {
            run(List.of("chown", "-R", "postgres", data.toString()));
        }
        pg.runAs(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-A", "trust",
                "-U", "postgres", "--no-sync"));
        pg.runAs(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-w", "-l",
                data.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        return pg;
    }

    private static Path findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
                for (Path v : versions) {
                    if (Files.isExecutable(v.resolve("bin/pg_ctl"))) {
                        return v.resolve("bin");
                    }
                }
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql: "
                + "install Debian's postgresql package (.ci/run does)");
    }

    /** The JDBC URL of the {@code postgres} database. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A temporary node config file: the project's {@code config/postgres.conf} pointed at this server. */
    Path nodeConfig() throws IOException {
        Path conf = Files.createTempFile("rayo-pg-", ".conf");
        Path postgresConf = Path.of("..", "config", "postgres.conf").toAbsolutePath().normalize();
        Files.writeString(conf, "include file(\"" + postgresConf + "\")\n"
                + "akka-persistence-jdbc.shared-databases.slick.db { url = \"" + jdbcUrl() + "\", user = \"postgres\", password = \"\" }\n");
        return conf;
    }

    /** A driver joining the cluster at {@code address} that journals in this server. */
    RayoConfig driverConfig(String address) {
        return RayoConfig.builder().address(address)
                .set("rayo.persistence.journal", "jdbc")
                .set("akka-persistence-jdbc.shared-databases.slick.profile", "slick.jdbc.PostgresProfile$")
                .set("akka-persistence-jdbc.shared-databases.slick.db.driver", "org.postgresql.Driver")
                .set("akka-persistence-jdbc.shared-databases.slick.db.url", jdbcUrl())
                .set("akka-persistence-jdbc.shared-databases.slick.db.user", "postgres")
                .set("akka-persistence-jdbc.shared-databases.slick.db.password", "").build();
    }

    private void runAs(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            runAs(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("db").toString(), "-m", "immediate", "stop"));
        } finally {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
