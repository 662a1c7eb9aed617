package dev.rayo.it;

import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoConfigException;
import dev.rayo.cli.RayoCli;
import dev.rayo.runtime.AkkaRayoRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code rayo tls init DIR}: the stores it writes load, the node certificates chain to its CA; bad input fails clearly. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsInitTest {
    private static final String PASSWORD = "init-test-secret";
    private static Path root;
    private static Path settings;

    @BeforeAll
    static void writeSettings() throws IOException {
        root = Files.createTempDirectory("rayo-tls-init");
        settings = root.resolve("password.conf");
        Files.writeString(settings, "rayo.tls.password = \"" + PASSWORD + "\"\n");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        TestTrees.deleteTree(root);
    }

    @Test
    void writesStoresWhoseNodeCertificatesChainToTheCa() throws Exception {
        Path dir = root.resolve("a/new/dir");
        assertEquals(0, RayoCli.execute("tls", "init", dir.toString(), "--nodes", "2", "--config", settings.toString()));
        KeyStore ca = load(dir.resolve("ca.p12"));
        X509Certificate caCert = (X509Certificate) ca.getCertificate("ca");
        assertTrue(ca.isKeyEntry("ca"));
        assertTrue(caCert.getBasicConstraints() >= 0, "the CA certificate is a CA");
        KeyStore trust = load(dir.resolve("trust.p12"));
        List<String> trusted = Collections.list(trust.aliases());
        assertEquals(1, trusted.size());
        assertTrue(trust.isCertificateEntry(trusted.get(0)));
        assertEquals(caCert, trust.getCertificate(trusted.get(0)));
        X509Certificate first = null;
        for (String store : List.of("node.p12", "node-1.p12", "node-2.p12")) {
            KeyStore node = load(dir.resolve(store));
            assertEquals(List.of("node"), Collections.list(node.aliases()), store + " holds only its key pair");
            assertTrue(node.isKeyEntry("node"));
            assertTrue(node.getKey("node", PASSWORD.toCharArray()) != null);
            Certificate[] chain = node.getCertificateChain("node");
            assertEquals(2, chain.length, store + ": node certificate, then the CA's");
            X509Certificate leaf = (X509Certificate) chain[0];
            leaf.verify(caCert.getPublicKey());
            leaf.checkValidity();
            assertEquals(caCert, chain[1]);
            assertEquals(caCert.getSubjectX500Principal(), leaf.getIssuerX500Principal());
            assertTrue(leaf.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")),
                    "server and client authentication");
            if (first != null) {
                assertNotEquals(first.getPublicKey(), leaf.getPublicKey(), "a key pair of its own per store");
            }
            first = leaf;
        }
    }

    @Test
    void aSecondInitIntoTheSameDirectoryOverwritesNothing() throws Exception {
        Path dir = root.resolve("twice");
        assertEquals(0, RayoCli.execute("tls", "init", dir.toString(), "--config", settings.toString()));
        byte[] ca = Files.readAllBytes(dir.resolve("ca.p12"));
        assertEquals(1, RayoCli.execute("tls", "init", dir.toString(), "--config", settings.toString()));
        assertTrue(java.util.Arrays.equals(ca, Files.readAllBytes(dir.resolve("ca.p12"))));
    }

    @Test
    void withoutAPasswordNothingIsWritten() {
        assumeTrue(System.getenv("RAYO_TLS_PASSWORD") == null, "RAYO_TLS_PASSWORD is set in this environment");
        Path dir = root.resolve("no-password");
        assertEquals(1, RayoCli.execute("tls", "init", dir.toString()));
        assertFalse(Files.exists(dir));
    }

    @Test
    void aNodeWithAWrongPasswordOrNoStoresFailsToStartWithAClearError() throws Exception {
        Path dir = root.resolve("wrong-password");
        assertEquals(0, RayoCli.execute("tls", "init", dir.toString(), "--config", settings.toString()));
        RayoConfigException wrong = assertThrows(RayoConfigException.class, () -> AkkaRayoRuntime.start(
                RayoConfig.builder().tls(dir).set("rayo.tls.password", "not-the-password").build(), AkkaRayoRuntime.Role.NODE));
        assertTrue(wrong.getMessage().contains("node.p12 can't be opened"), wrong.getMessage());
        RayoConfigException missing = assertThrows(RayoConfigException.class, () -> AkkaRayoRuntime.start(
                RayoConfig.builder().tls(root.resolve("nowhere")).set("rayo.tls.password", PASSWORD).build(),
                AkkaRayoRuntime.Role.NODE));
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }
}
