package dev.rayo.samples.akkaservice;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The service's HTTP API: {@code GET /api/report?n=N} answers {@link Report#json()} once the Rayo work of
 * the request is done (completed from a stage, never by waiting on a dispatcher thread); a missing, malformed
 * or out-of-range {@code n} is a 400 with a one-line JSON error and nothing started; a failed Rayo call is
 * a 500 with its message.
 */
public final class ReportRoutes extends AllDirectives {
    /** The largest N a request may ask for (N tasks each). */
    public static final int MAX_N = 1000;

    private final Reports reports;

    /** Routes answering from {@code reports}. */
    public ReportRoutes(Reports reports) {
        this.reports = reports;
    }

    /** The whole route. */
    public Route route() {
        return concat(
                path(PathMatchers.segment("api").slash("report"), () -> get(() ->
                        parameterOptional("n", this::answer))),
                extractUnmatchedPath(p -> complete(error(StatusCodes.NOT_FOUND, "no endpoint " + p))));
    }

    private Route answer(Optional<String> n) {
        Integer parsed = parse(n.orElse(null));
        if (parsed == null) {
            return complete(error(StatusCodes.BAD_REQUEST, "n must be an integer 1.." + MAX_N + ", was "
                    + n.map(v -> "'" + v + "'").orElse("missing")));
        }
        CompletionStage<HttpResponse> answer = reports.report(parsed)
                .thenApply(report -> json(StatusCodes.OK, report.json()))
                .exceptionally(failure -> error(StatusCodes.INTERNAL_SERVER_ERROR, String.valueOf(rootMessage(failure))));
        return completeWithFuture(answer);
    }

    private static Integer parse(String n) {
        if (n == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(n.trim());
            return value >= 1 && value <= MAX_N ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static HttpResponse error(StatusCode status, String message) {
        return json(status, "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", " ") + "\"}");
    }

    private static HttpResponse json(StatusCode status, String body) {
        return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
    }
}
