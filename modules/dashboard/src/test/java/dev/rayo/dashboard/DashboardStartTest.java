package dev.rayo.dashboard;

import dev.rayo.api.RayoConfig;
import dev.rayo.dashboard.http.HealthCheck;
import dev.rayo.runtime.AkkaRayoRuntime;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a node starts its dashboard: the line it prints, the CLI client that serves none, a public host refused. */
class DashboardStartTest {

    @Test
    void aNodePrintsAndPublishesItsDashboard() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        AkkaRayoRuntime runtime;
        System.setOut(new PrintStream(new Tee(original, captured), true));
        try {
            runtime = AkkaRayoRuntime.start(RayoConfig.builder().numCpus(1).build(), AkkaRayoRuntime.Role.NODE);
        } finally {
            System.setOut(original);
        }
        try {
            String url = runtime.clusterState().dashboardUrl();
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+"), url);
            assertTrue(captured.toString().lines().anyMatch(l -> l.equals("RAYO_DASHBOARD " + url)), captured.toString());
            assertEquals(url, runtime.clusterState().nodes().toCompletableFuture().join().rows().get(0).dashboardUrl());
            assertEquals(200, new WebClient(url).get("/api/health").statusCode());
        } finally {
            runtime.shutdown();
        }
        assertEquals(503, new HealthCheck(runtime).check().status().intValue(), "a stopped node is not healthy");
    }

    @Test
    void theCliClientServesNone() {
        AkkaRayoRuntime client = AkkaRayoRuntime.start(RayoConfig.builder().numCpus(0)
                .set("rayo.node.roles", List.of("client")).build(), AkkaRayoRuntime.Role.NODE);
        try {
            assertEquals("", client.clusterState().dashboardUrl());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aPublicHostWithoutTokenRefusesToStartAndTheNodeStops() throws Exception {
        int akkaPort;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            akkaPort = free.getLocalPort();
        }
        RayoConfig config = RayoConfig.builder().numCpus(1).set("rayo.node.port", akkaPort)
                .set("rayo.dashboard.host", "0.0.0.0").set("rayo.dashboard.token", "").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AkkaRayoRuntime.start(config));
        assertEquals("rayo.dashboard.host=0.0.0.0 is not a loopback address: set rayo.dashboard.token "
                + "(or RAYO_DASHBOARD_TOKEN) to serve the dashboard there", e.getMessage());
        // The node did not stay up: its remoting port is free again.
        try (ServerSocket again = new ServerSocket(akkaPort, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(akkaPort, again.getLocalPort());
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
