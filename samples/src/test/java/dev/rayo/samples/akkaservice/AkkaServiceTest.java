package dev.rayo.samples.akkaservice;

import dev.rayo.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The akka-service sample over HTTP: every answer of a burst of parallel requests is right. */
class AkkaServiceTest {
    private static AkkaService service;

    @BeforeAll
    static void start() {
        service = AkkaService.start("127.0.0.1", 0, null);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void twoHundredParallelRequestsAllGetTheRightAnswer() {
        LoadCheck.Outcome outcome = LoadCheck.run(base(), 200, Duration.ofSeconds(60));
        assertTrue(outcome.allRight(), outcome.right() + " of 200 right; wrong: " + outcome.wrong());
    }

    @Test
    void badInputIsA400AndTheServiceStillServes() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String query : new String[] {"", "?n=abc", "?n=0", "?n=-3", "?n=1001", "?n=99999999999"}) {
            HttpResponse<String> r = get(client, "/api/report" + query);
            assertEquals(400, r.statusCode(), query + ": " + r.body());
            assertTrue(r.body().startsWith("{\"error\":\"n must be an integer 1..1000"), r.body());
        }
        assertEquals(404, get(client, "/nothing").statusCode());
        HttpResponse<String> ok = get(client, "/api/report?n=4");
        assertEquals(200, ok.statusCode());
        assertEquals("{\"n\":4,\"sumOfSquares\":30,\"scaled\":12}", ok.body());
    }

    @Test
    void theCommandRefusesBadFlagsWithOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = Samples.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("akka-service", "--port", "70000"));
        assertTrue(err.toString().startsWith("--port must be 0..65535, was 70000"), err.toString());
    }

    @Test
    void clusterBootstrapWithoutAkkaManagementIsAOneLineErrorAndTheServiceStillServes() throws Exception {
        java.nio.file.Path conf = java.nio.file.Files.createTempFile("bootstrap", ".conf");
        try {
            java.nio.file.Files.writeString(conf, "rayo-service.cluster-bootstrap = on\n");
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> AkkaService.start("127.0.0.1", 0, conf.toFile()));
            assertTrue(e.getMessage().startsWith("rayo-service.cluster-bootstrap = on needs Akka Management 1.1.x"),
                    e.getMessage());
        } finally {
            java.nio.file.Files.delete(conf);
        }
        HttpResponse<String> ok = get(HttpClient.newHttpClient(), "/api/report?n=2");
        assertEquals("{\"n\":2,\"sumOfSquares\":5,\"scaled\":6}", ok.body());
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI base() {
        return URI.create("http://127.0.0.1:" + service.port());
    }
}
