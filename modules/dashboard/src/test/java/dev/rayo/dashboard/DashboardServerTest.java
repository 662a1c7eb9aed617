package dev.rayo.dashboard;

import dev.rayo.api.RayoConfig;
import dev.rayo.dashboard.http.DashboardServer;
import dev.rayo.dashboard.http.ServerSettings;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import static dev.rayo.dashboard.WebClient.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server apart from the addon: servers of its own beside a runtime (whose own dashboard is switched off),
 * for port fallback, a classpath folder of test pages, and serving without a token on loopback.
 */
class DashboardServerTest {
    private static final String TEST_WEB = "dev/rayo/dashboard/testweb/";

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(1)
            .set("rayo.dashboard.enabled", false).build());

    @Test
    void theAddonIsOffWhenDisabled() {
        assertEquals("", rayo.runtime(AkkaRayoRuntime.class).clusterState().dashboardUrl());
    }

    @Test
    void aTakenPortMovesToTheNextFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            try (DashboardServer server = DashboardServer.start(rayo.runtime(AkkaRayoRuntime.class),
                    new ServerSettings(true, "127.0.0.1", port, ""), TEST_WEB)) {
                assertTrue(server.port() > port && server.port() < port + ServerSettings.PORT_ATTEMPTS,
                        "bound " + server.port() + " after " + port);
                assertEquals("http://127.0.0.1:" + server.port(), server.url());
                assertEquals(200, new WebClient(server.url()).get("/api/health").statusCode());
            }
        }
    }

    @Test
    void servesPagesWithTheirContentTypesAndNoTokenOnLoopback() throws Exception {
        try (DashboardServer server = DashboardServer.start(rayo.runtime(AkkaRayoRuntime.class),
                new ServerSettings(true, "127.0.0.1", 0, ""), TEST_WEB)) {
            WebClient web = new WebClient(server.url());
            assertServed(web.get("/"), "text/html", "TEST-INDEX");
            assertServed(web.get("/index.html"), "text/html", "TEST-INDEX");
            assertServed(web.get("/app.js"), "application/javascript", "TEST-JS");
            assertServed(web.get("/style.css"), "text/css", "TEST-CSS");
            assertServed(web.get("/logo.svg"), "image/svg+xml", "<svg");
            assertJsonError(404, web.get("/notes.txt"));
            assertJsonError(404, web.get("/nosuch.css"));
            assertJsonError(404, web.get("/..%2F..%2Fdev/rayo/dashboard/testweb/app.js"));
            assertEquals(200, web.get("/metrics").statusCode());
            assertEquals(200, web.get("/api/health").statusCode());
        }
    }

    @Test
    void aServerThatIsClosedNoLongerAnswers() throws Exception {
        DashboardServer server = DashboardServer.start(rayo.runtime(AkkaRayoRuntime.class),
                new ServerSettings(true, "127.0.0.1", 0, ""), TEST_WEB);
        int port = server.port();
        server.close();
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    private static void assertServed(HttpResponse<String> r, String type, String content) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(type), r.headers().map().toString());
        assertTrue(r.body().contains(content), r.body());
    }
}
