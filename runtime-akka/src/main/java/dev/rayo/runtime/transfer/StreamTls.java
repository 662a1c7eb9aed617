package dev.rayo.runtime.transfer;

import com.typesafe.config.Config;
import dev.rayo.api.exception.RayoConfigException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;

/**
 * TLS for the object transfer stream, with exactly the stores, protocol and suites of the node's Artery TLS
 * ({@code akka.remote.artery.ssl.config-ssl-engine}): when Artery runs {@code tls-tcp}, a transfer connection
 * needs the same mutual authentication as an Akka one, so a process without the cluster CA's certificate can
 * neither pull an object nor serve a forged one.
 */
public final class StreamTls {
    private static final String ENGINE = "akka.remote.artery.ssl.config-ssl-engine.";
    private final SSLContext context;
    private final String[] protocols;
    private final String[] suites;

    private StreamTls(SSLContext context, String protocol, List<String> suites) {
        this.context = context;
        this.protocols = new String[] {protocol};
        this.suites = suites.toArray(String[]::new);
    }

    /**
     * The stream's TLS when the actor system's Artery transport is {@code tls-tcp} with the
     * {@code ConfigSSLEngineProvider}, else null (plain TCP).
     *
     * @throws RayoConfigException when the stores can't be read
     */
    public static StreamTls fromArtery(Config config) {
        if (!"tls-tcp".equals(config.getString("akka.remote.artery.transport"))) {
            return null;
        }
        try {
            KeyStore keys = load(config.getString(ENGINE + "key-store"), config.getString(ENGINE + "key-store-password"));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, config.getString(ENGINE + "key-password").toCharArray());
            KeyStore trust = load(config.getString(ENGINE + "trust-store"), config.getString(ENGINE + "trust-store-password"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            String protocol = config.getString(ENGINE + "protocol");
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return new StreamTls(context, protocol, config.getStringList(ENGINE + "enabled-algorithms"));
        } catch (IOException | GeneralSecurityException e) {
            throw new RayoConfigException("the transfer stream's TLS can't use the stores of "
                    + ENGINE + "key-store / trust-store: " + e.getMessage(), e);
        }
    }

    /** An engine for the side that connects (the puller). */
    SSLEngine client() {
        SSLEngine engine = engine();
        engine.setUseClientMode(true);
        return engine;
    }

    /** An engine for the side that accepts (the transfer server): it requires the puller's certificate. */
    SSLEngine server() {
        SSLEngine engine = engine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        return engine;
    }

    private SSLEngine engine() {
        SSLEngine engine = context.createSSLEngine();
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(protocols);
        params.setCipherSuites(suites);
        engine.setSSLParameters(params);
        return engine;
    }

    private static KeyStore load(String path, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
