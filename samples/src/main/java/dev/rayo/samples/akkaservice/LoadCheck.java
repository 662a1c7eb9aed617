package dev.rayo.samples.akkaservice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Drives the service over HTTP: {@code requests} requests sent at once with the JDK's asynchronous client,
 * request i asking for n = 1 + i % 50, and every answer compared with {@link Report#expected}. Used by
 * {@code ./rayo run akka-service --requests N} as a self-check and by the sample's test.
 */
public final class LoadCheck {
    private LoadCheck() {
    }

    /** The outcome: how many answers were right, and a line for each wrong one. */
    public record Outcome(int requests, int right, List<String> wrong) {
        /** Whether every answer was right. */
        public boolean allRight() {
            return right == requests && wrong.isEmpty();
        }
    }

    /** The n that request {@code i} asks for. */
    public static int nOf(int i) {
        return 1 + i % 50;
    }

    /** Sends {@code requests} requests in parallel to {@code baseUri} (e.g. http://127.0.0.1:8080) and checks them. */
    public static Outcome run(URI baseUri, int requests, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        List<CompletableFuture<String>> checks = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            int n = nOf(i);
            HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/api/report?n=" + n)).timeout(timeout).GET().build();
            String expected = Report.expected(n, AkkaService.FACTOR).json();
            checks.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> r.statusCode() == 200 && r.body().equals(expected) ? null
                            : "n=" + n + ": HTTP " + r.statusCode() + " " + r.body() + ", expected " + expected)
                    .exceptionally(e -> "n=" + n + ": " + e));
        }
        List<String> wrong = new ArrayList<>();
        for (CompletableFuture<String> check : checks) {
            String problem = check.join();
            if (problem != null) {
                wrong.add(problem);
            }
        }
        return new Outcome(requests, requests - wrong.size(), wrong);
    }
}
