package dev.rayo.runtime.transfer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.store.ObjectStores;
import dev.rayo.store.ReadableObject;
import dev.rayo.store.SharedObjectStore;
import dev.rayo.store.StoreConfig;
import dev.rayo.store.WritableObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transfer stream over TLS: an object crosses whole when both sides hold certificates of one CA; a puller
 * with another CA's certificate, or with none (plain TCP), gets nothing and leaves nothing behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamTlsTest {
    private static final String PASSWORD = "stream-secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SharedObjectStore source;
    private SharedObjectStore destination;

    @BeforeEach
    void openStores() {
        source = TestStores.open(dir, "source");
        destination = TestStores.open(dir, "destination");
    }

    @AfterEach
    void closeStores() {
        destination.close();
        source.close();
    }

    private String put(byte[] bytes) {
        return TestStores.put(source, bytes, 3);
    }

    @Test
    void plainArteryMeansNoTls() {
        assertNull(StreamTls.fromArtery(ConfigFactory.parseMap(Map.of("akka.remote.artery.transport", "tcp"))));
    }

    @Test
    void anObjectStreamsWholeOverTlsBetweenHoldersOfOneCa() throws Exception {
        StreamTls tls = StreamTls.fromArtery(artery(stores("ca")));
        byte[] bytes = new byte[24 << 20];
        new Random(5).nextBytes(bytes);
        String id = put(bytes);
        try (TransferServer server = TransferServer.start(source, "127.0.0.1", 0, TIMEOUT, tls)) {
            new StreamPull(destination, TIMEOUT, tls).pull(server.address(), id, "source");
            // A small one too: the request and the answer fit one record each.
            String small = put(new byte[] {1, 2, 3});
            new StreamPull(destination, TIMEOUT, tls).pull(server.address(), small, "source");
            try (ReadableObject copy = destination.get(small).orElseThrow()) {
                assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), copy.buffer());
            }
            String unknown = Ids.next();
            ObjectLostException e = assertThrows(ObjectLostException.class,
                    () -> new StreamPull(destination, TIMEOUT, tls).pull(server.address(), unknown, "source"));
            assertTrue(e.getMessage().contains("is not in the store"), e.getMessage());
        }
        try (ReadableObject copy = destination.get(id).orElseThrow()) {
            assertEquals(ByteBuffer.wrap(bytes), copy.buffer(), "byte-identical");
        }
    }

    @Test
    void pullersWithAnotherCaOrWithoutTlsGetNothing() throws Exception {
        StreamTls tls = StreamTls.fromArtery(artery(stores("ca")));
        Path ours = dir.resolve("ca");
        Path other = stores("other-ca");
        StreamTls foreign = StreamTls.fromArtery(artery(other));
        // Trusts the server, but its own certificate is not of the cluster's CA: the server must refuse it.
        StreamTls foreignKey = StreamTls.fromArtery(artery(other, ours));
        String id = put(new byte[1 << 20]);
        try (TransferServer server = TransferServer.start(source, "127.0.0.1", 0, TIMEOUT, tls)) {
            assertThrows(ObjectLostException.class,
                    () -> new StreamPull(destination, TIMEOUT, foreign).pull(server.address(), id, "source"));
            assertThrows(ObjectLostException.class,
                    () -> new StreamPull(destination, TIMEOUT, foreignKey).pull(server.address(), id, "source"));
            assertThrows(ObjectLostException.class,
                    () -> new StreamPull(destination, Duration.ofSeconds(2), null).pull(server.address(), id, "source"));
            assertTrue(destination.get(id).isEmpty(), "nothing left in the destination");
            // The server still serves its own cluster.
            new StreamPull(destination, TIMEOUT, tls).pull(server.address(), id, "source");
            assertTrue(destination.get(id).isPresent());
        }
    }

    /** The Artery settings {@code rayo.tls.dir} makes, for the stores in {@code stores}. */
    private static Config artery(Path stores) {
        return artery(stores, stores);
    }

    /** The Artery settings for the key store of {@code keys} and the trust store of {@code trusted}. */
    private static Config artery(Path keys, Path trusted) {
        Path stores = keys;
        String e = "akka.remote.artery.ssl.config-ssl-engine.";
        return ConfigFactory.parseMap(Map.of("akka.remote.artery.transport", "tls-tcp",
                e + "key-store", stores.resolve("node.p12").toString(),
                e + "trust-store", trusted.resolve("trust.p12").toString(),
                e + "key-store-password", PASSWORD, e + "key-password", PASSWORD, e + "trust-store-password", PASSWORD,
                e + "protocol", "TLSv1.2",
                e + "enabled-algorithms", List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")));
    }

    /** A CA, a node key store signed by it and a trust store holding it, made with keytool as {@code rayo tls init} does. */
    private Path stores(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        String ca = d.resolve("ca.p12").toString();
        String node = d.resolve("node.p12").toString();
        String trust = d.resolve("trust.p12").toString();
        String csr = d.resolve("node.csr").toString();
        String crt = d.resolve("node.crt").toString();
        String caCrt = d.resolve("ca.crt").toString();
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-keystore", ca, "-storetype", "PKCS12", "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", caCrt);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCrt, "-keystore", trust, "-storetype", "PKCS12");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=node",
                "-keystore", node, "-storetype", "PKCS12", "-keypass", PASSWORD);
        keytool("-certreq", "-alias", "node", "-keystore", node, "-file", csr);
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-infile", csr, "-outfile", crt);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCrt, "-keystore", node);
        keytool("-importcert", "-noprompt", "-alias", "node", "-file", crt, "-keystore", node);
        return d;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "keytool " + args[0] + ": " + out);
    }
}
