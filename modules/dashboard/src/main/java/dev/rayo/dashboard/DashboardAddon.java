package dev.rayo.dashboard;

import akka.cluster.typed.Cluster;
import dev.rayo.dashboard.http.DashboardServer;
import dev.rayo.dashboard.http.ServerSettings;
import dev.rayo.dashboard.http.StaticFiles;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.NodeAddon;

/**
 * Starts the dashboard with every node that has rayo-dashboard on its classpath ({@code rayo start}, and
 * {@code Rayo.init()} in a program depending on it), as {@code rayo.dashboard.*} configures: not at all when
 * {@code enabled = off} or on the CLI's short-lived client (role {@code client}), which would only flash a
 * server up and down. Once bound it prints {@code RAYO_DASHBOARD http://HOST:PORT} on stdout, for scripts and
 * tests to read, and publishes the URL so that {@code rayo dashboard} and the node list show it.
 */
public final class DashboardAddon implements NodeAddon {
    /** The line's prefix on stdout. */
    public static final String BANNER = "RAYO_DASHBOARD ";

    @Override
    public AutoCloseable start(AkkaRayoRuntime runtime) {
        ServerSettings settings = ServerSettings.from(runtime.system().settings().config());
        if (!settings.enabled() || Cluster.get(runtime.system()).selfMember().getRoles().contains("client")) {
            return null;
        }
        DashboardServer server = DashboardServer.start(runtime, settings, StaticFiles.DEFAULT_FOLDER);
        System.out.println(BANNER + server.url());
        System.out.flush();
        runtime.clusterState().publishDashboard(server.url());
        return () -> {
            runtime.clusterState().publishDashboard("");
            server.close();
        };
    }
}
