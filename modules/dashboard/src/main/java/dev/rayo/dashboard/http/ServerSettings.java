package dev.rayo.dashboard.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The {@code rayo.dashboard} keys of a node's configuration, checked: where to bind, from which port to try,
 * and the token every request must carry. A host that is not a loopback address needs a token, because the
 * dashboard shows the cluster's state and can kill actors: refusing to start is safer than serving that to
 * the network unauthenticated.
 *
 * @param enabled   {@code rayo.dashboard.enabled}
 * @param host      {@code rayo.dashboard.host}, the interface to bind
 * @param port      {@code rayo.dashboard.port}, the first port tried (0: any free port)
 * @param token     {@code rayo.dashboard.token} (or {@code RAYO_DASHBOARD_TOKEN}), empty for none
 */
public record ServerSettings(boolean enabled, String host, int port, String token) {
    /** How many ports from {@code port} up are tried when it is taken. */
    public static final int PORT_ATTEMPTS = 100;

    /** Reads and checks the {@code rayo.dashboard} keys of {@code config}. */
    public static ServerSettings from(Config config) {
        try {
            ServerSettings s = new ServerSettings(config.getBoolean("rayo.dashboard.enabled"),
                    config.getString("rayo.dashboard.host").trim(), config.getInt("rayo.dashboard.port"),
                    config.getString("rayo.dashboard.token").trim());
            if (s.port < 0 || s.port > 65535) {
                throw new IllegalArgumentException("rayo.dashboard.port=" + s.port + " is not a port (0..65535)");
            }
            if (s.host.isEmpty()) {
                throw new IllegalArgumentException("rayo.dashboard.host is empty: name the interface to bind");
            }
            return s;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad rayo.dashboard setting: " + e.getMessage(), e);
        }
    }

    /** Whether requests must carry the token. */
    public boolean hasToken() {
        return !token.isEmpty();
    }

    /**
     * Checks that the dashboard may be served at {@code host}: a known host, and a token unless it is a
     * loopback address.
     *
     * @throws IllegalArgumentException naming the key to set
     */
    public void checkSafeToServe() {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("rayo.dashboard.host=" + host + " is not a known host or address");
        }
        if (!address.isLoopbackAddress() && !hasToken()) {
            throw new IllegalArgumentException("rayo.dashboard.host=" + host + " is not a loopback address: set "
                    + "rayo.dashboard.token (or RAYO_DASHBOARD_TOKEN) to serve the dashboard there");
        }
    }
}
