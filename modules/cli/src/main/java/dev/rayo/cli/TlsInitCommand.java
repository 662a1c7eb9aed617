package dev.rayo.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code rayo tls init DIR}: a private certificate authority and the stores a TLS cluster's nodes use.
 * All the cryptography is the JDK's {@code keytool}; the password reaches it through its environment
 * ({@code -storepass:env}), never a command line that {@code ps} would show.
 *
 * <p>It writes {@code ca.p12} (the CA's key: keep it off the nodes), {@code node.p12} (a node key pair signed
 * by the CA, shared by every node: Artery's mutual authentication checks that a peer's certificate chains
 * to the CA, not which node it is) and {@code trust.p12} (the CA certificate). With {@code --nodes N} it
 * also writes {@code node-1.p12 .. node-N.p12}, a key pair of its own for each host, to be copied there as
 * that host's {@code node.p12}.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create DIR (if missing) with ca.p12, node.p12 and trust.p12, protected by RAYO_TLS_PASSWORD "
                + "(or rayo.tls.password of --config FILE).")
final class TlsInitCommand implements Callable<Integer> {
    /** The environment variable holding the stores' password. */
    static final String PASSWORD_ENV = "RAYO_TLS_PASSWORD";
    private static final String CA_VALIDITY_DAYS = "3650";
    private static final String NODE_VALIDITY_DAYS = "825";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory for the stores.")
    Path dir;

    @Option(names = "--nodes", paramLabel = "N", description = "Also write node-1.p12 .. node-N.p12, one key pair per host.")
    Integer nodes;

    @Option(names = "--config", paramLabel = "FILE", description = "A HOCON file whose rayo.tls.password, when set, is used instead of RAYO_TLS_PASSWORD.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        String password = password();
        if (password == null) {
            System.err.println("rayo tls init: set the stores' password in " + PASSWORD_ENV
                    + " (or rayo.tls.password of --config FILE); it is never taken from the command line");
            return 1;
        }
        if (password.length() < 6) {
            System.err.println("rayo tls init: the password must have at least 6 characters");
            return 1;
        }
        if (nodes != null && nodes < 1) {
            System.err.println("rayo tls init: --nodes must be at least 1, was " + nodes);
            return 2;
        }
        for (String name : storeNames()) {
            if (Files.exists(dir.resolve(name))) {
                System.err.println("rayo tls init: " + dir.resolve(name) + " exists already; remove it or choose another DIR");
                return 1;
            }
        }
        try {
            Files.createDirectories(dir);
            write(new Keytool(password));
        } catch (IOException e) {
            // None of the stores existed before: remove what this run wrote, so that it can simply be run again.
            for (String name : storeNames()) {
                Files.deleteIfExists(dir.resolve(name));
            }
            System.err.println("rayo tls init: " + e.getMessage());
            return 1;
        }
        System.out.println("Wrote " + String.join(", ", storeNames()) + " to " + dir.toAbsolutePath()
                + "; copy node.p12 and trust.p12 to every node (ca.p12 stays here) and start them with --tls DIR");
        return 0;
    }

    /** The CA, then the trust store, then the node stores. */
    private void write(Keytool keytool) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        keytool.run("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=Rayo cluster CA", "-validity", CA_VALIDITY_DAYS, "-ext", "bc:c",
                "-keystore", ca.toString(), "-storetype", "PKCS12");
        Path caCert = Files.createTempFile(dir, "ca-", ".crt");
        try {
            keytool.run("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caCert.toString());
            keytool.run("-importcert", "-noprompt", "-alias", "rayo-ca", "-file", caCert.toString(),
                    "-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12");
            nodeStore(keytool, ca, caCert, dir.resolve("node.p12"), "rayo-node");
            for (int i = 1; nodes != null && i <= nodes; i++) {
                nodeStore(keytool, ca, caCert, dir.resolve("node-" + i + ".p12"), "rayo-node-" + i);
            }
        } finally {
            Files.deleteIfExists(caCert);
        }
    }

    private List<String> storeNames() {
        List<String> names = new ArrayList<>(List.of("ca.p12", "node.p12", "trust.p12"));
        for (int i = 1; nodes != null && i <= nodes; i++) {
            names.add("node-" + i + ".p12");
        }
        return names;
    }

    /** A key pair in {@code store} whose certificate the CA signed, chained to the CA certificate. */
    private static void nodeStore(Keytool keytool, Path ca, Path caCert, Path store, String commonName)
            throws IOException, InterruptedException {
        Path csr = Files.createTempFile(store.getParent(), "node-", ".csr");
        Path crt = Files.createTempFile(store.getParent(), "node-", ".crt");
        try {
            keytool.run("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=" + commonName, "-validity", NODE_VALIDITY_DAYS,
                    "-keystore", store.toString(), "-storetype", "PKCS12");
            keytool.run("-certreq", "-alias", "node", "-keystore", store.toString(), "-file", csr.toString());
            keytool.run("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
                    "-outfile", crt.toString(), "-validity", NODE_VALIDITY_DAYS,
                    "-ext", "eku=serverAuth,clientAuth", "-ext", "ku=digitalSignature");
            // The reply is chained through the CA certificate, trusted in the store only while it is imported.
            keytool.run("-importcert", "-noprompt", "-alias", "rayo-ca", "-file", caCert.toString(), "-keystore", store.toString());
            keytool.run("-importcert", "-noprompt", "-alias", "node", "-file", crt.toString(), "-keystore", store.toString());
            keytool.run("-delete", "-alias", "rayo-ca", "-keystore", store.toString());
        } finally {
            Files.deleteIfExists(csr);
            Files.deleteIfExists(crt);
        }
    }

    /**
     * {@code rayo.tls.password} of the config file when it sets one, else {@code RAYO_TLS_PASSWORD}: the order a
     * node reads them in. Null when neither is set.
     */
    private String password() {
        if (configFile != null) {
            Config file = ConfigFactory.parseFile(configFile.toFile()).resolve();
            if (file.hasPath("rayo.tls.password") && !file.getString("rayo.tls.password").isEmpty()) {
                return file.getString("rayo.tls.password");
            }
        }
        String env = System.getenv(PASSWORD_ENV);
        return env == null || env.isEmpty() ? null : env;
    }

    /** Runs the JDK's keytool with the password in its environment only. */
    private static final class Keytool {
        private final String password;

        Keytool(String password) {
            this.password = password;
        }

        void run(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            boolean needsKeyPassword = command.contains("-genkeypair");
            command.add("-storepass:env");
            command.add(PASSWORD_ENV);
            if (needsKeyPassword) {
                command.add("-keypass:env");
                command.add(PASSWORD_ENV);
            }
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put(PASSWORD_ENV, password);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + new String(out, StandardCharsets.UTF_8).trim());
            }
        }
    }
}
