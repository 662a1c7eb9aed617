package dev.rayo.runtime.config;

import com.typesafe.config.Config;
import dev.rayo.api.exception.RayoConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * TLS between nodes ({@code rayo.tls.dir}): the Akka Artery settings that turn a node's remoting into
 * {@code tls-tcp} with mutual authentication, using the stores {@code rayo tls init DIR} writes.
 *
 * <p>Why these choices: every node presents {@code node.p12} and trusts exactly the CA in {@code trust.p12},
 * so a peer with no certificate, or one from another CA, fails the handshake before a single Akka message
 * is read (no join, no gossip, no task). Hostname verification is off because the certificates name the
 * cluster, not hosts. The protocol is TLS 1.2 with ECDHE-ECDSA AES-GCM suites: under TLS 1.3 Akka 2.6's TLS
 * stage may hand the first application data on before it sees the client's certificate checked
 * (akka/akka#31419). The object transfer stream uses the same stores ({@code StreamTls}).
 */
public final class TlsSettings {
    /** The environment variable holding the stores' password when {@code rayo.tls.password} is empty. */
    public static final String PASSWORD_ENV = "RAYO_TLS_PASSWORD";
    /** Suites both sides offer: forward secret, authenticated encryption, for the EC keys {@code tls init} makes. */
    static final List<String> CIPHER_SUITES = List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    private static final String ENGINE = "akka.remote.artery.ssl.config-ssl-engine.";

    private TlsSettings() {
    }

    /** Whether {@code rayo.tls.dir} turns TLS on. */
    public static boolean enabled(Config full) {
        return !full.getString("rayo.tls.dir").isBlank();
    }

    /**
     * The Akka settings TLS adds, none when {@code rayo.tls.dir} is empty.
     *
     * @throws RayoConfigException with a one-line message when the password is missing, a store is missing,
     *                             or a store does not open with the password
     */
    public static Map<String, Object> akkaSettings(Config full) {
        return akkaSettings(full, System::getenv);
    }

    /** {@link #akkaSettings(Config)} reading the environment through {@code env} (for tests). */
    static Map<String, Object> akkaSettings(Config full, Function<String, String> env) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (!enabled(full)) {
            return settings;
        }
        Path dir = Path.of(full.getString("rayo.tls.dir")).toAbsolutePath();
        String password = full.getString("rayo.tls.password");
        if (password.isEmpty()) {
            password = env.apply(PASSWORD_ENV);
        }
        if (password == null || password.isEmpty()) {
            throw new RayoConfigException("rayo.tls.dir is set (" + dir + ") but no password: set " + PASSWORD_ENV
                    + " or rayo.tls.password");
        }
        Path keyStore = dir.resolve("node.p12");
        Path trustStore = dir.resolve("trust.p12");
        check(keyStore, password, true);
        check(trustStore, password, false);
        settings.put("akka.remote.artery.transport", "tls-tcp");
        settings.put("akka.remote.artery.ssl.ssl-engine-provider", "akka.remote.artery.tcp.ConfigSSLEngineProvider");
        settings.put(ENGINE + "key-store", keyStore.toString());
        settings.put(ENGINE + "trust-store", trustStore.toString());
        settings.put(ENGINE + "key-store-password", password);
        settings.put(ENGINE + "key-password", password);
        settings.put(ENGINE + "trust-store-password", password);
        settings.put(ENGINE + "protocol", "TLSv1.2");
        settings.put(ENGINE + "enabled-algorithms", CIPHER_SUITES);
        settings.put(ENGINE + "require-mutual-authentication", "on");
        settings.put(ENGINE + "hostname-verification", "off");
        return settings;
    }

    /** Opens {@code store} as Artery will, so that a wrong path or password fails here with a clear message. */
    private static void check(Path store, String password, boolean needsKey) {
        if (!Files.isReadable(store)) {
            throw new RayoConfigException("rayo.tls.dir: " + store + " is missing or not readable (rayo tls init DIR writes it)");
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            boolean hasKey = false;
            boolean hasCert = false;
            for (String alias : java.util.Collections.list(ks.aliases())) {
                hasKey |= ks.isKeyEntry(alias);
                hasCert |= ks.isCertificateEntry(alias);
            }
            if (needsKey ? !hasKey : !hasCert) {
                throw new RayoConfigException("rayo.tls.dir: " + store + " holds no " + (needsKey ? "key pair" : "trusted certificate"));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new RayoConfigException("rayo.tls.dir: " + store + " can't be opened with the password of "
                    + PASSWORD_ENV + " / rayo.tls.password: " + e.getMessage(), e);
        }
    }
}
