package dev.rayo.dashboard.http;

import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.HttpChallenge;
import akka.http.javadsl.model.headers.WWWAuthenticate;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.RejectionHandler;
import akka.http.javadsl.server.Route;
import dev.rayo.dashboard.metrics.RayoMetrics;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The dashboard's URL space (OPERATIONS.md "Dashboard"), in Akka HTTP's Java DSL:
 * <ul>
 * <li>{@code GET /api/health}: open to anyone, since probes carry no token and it tells nothing but UP/DOWN
 * and the node's id;</li>
 * <li>everything else behind {@link TokenAuth}: {@code GET /api/nodes|tasks|actors|objects},
 * {@code /api/tasks|actors|objects/{id}}, {@code /api/summary/{kind}}, {@code /api/memory},
 * {@code /api/timeline}, {@code /metrics}, {@code POST /api/actors/{id}/kill}, {@code POST /api/tasks/{id}/cancel},
 * and the pages ({@code /} is {@code index.html}, {@code /NAME} a file of the web folder).</li>
 * </ul>
 * Anything else is a JSON 404; a failure a JSON 500 with one line. Every answer that needs the cluster is
 * completed from a stage, never by waiting on a dispatcher thread.
 */
public final class DashboardRoutes extends AllDirectives {
    private static final Pattern LIST_KINDS = Pattern.compile("nodes|tasks|actors|objects");
    private static final Pattern ENTITY_KINDS = Pattern.compile("tasks|actors|objects");

    private final ApiHandlers api;
    private final HealthCheck health;
    private final RayoMetrics metrics;
    private final StaticFiles files;
    private final TokenAuth auth;

    /** Routes answering with {@code api}, {@code health}, {@code metrics} and {@code files}, guarded by {@code auth}. */
    public DashboardRoutes(ApiHandlers api, HealthCheck health, RayoMetrics metrics, StaticFiles files, TokenAuth auth) {
        this.api = api;
        this.health = health;
        this.metrics = metrics;
        this.files = files;
        this.auth = auth;
    }

    /** The whole route. */
    public Route route() {
        return handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> concat(
                path(PathMatchers.segment("api").slash("health"), () -> get(() -> extractRequest(r -> complete(health.check())))),
                authorized(() -> concat(
                        pathPrefix("api", this::api),
                        path("metrics", () -> get(() -> completeWithFuture(metrics.scrape()
                                .thenApply(text -> HttpResponse.create().withEntity(HttpEntities.create(
                                        akka.http.javadsl.model.ContentTypes.TEXT_PLAIN_UTF8, text)))
                                .exceptionally(JsonResponses::failure)))),
                        get(() -> extractUnmatchedPath(p -> complete(files.serve(p)))))))));
    }

    private Route api() {
        return concat(
                get(() -> concat(
                        path(PathMatchers.segment(LIST_KINDS), kind ->
                                parameterList(params -> completeWithFuture(api.list(kind, params)))),
                        path(PathMatchers.segment("summary").slash(PathMatchers.segment()), kind ->
                                completeWithFuture(api.summary(kind))),
                        path("memory", () -> parameterMap(params -> completeWithFuture(api.memory(params)))),
                        path("timeline", () -> parameterMap(params -> completeWithFuture(api.timeline(params)))),
                        path(PathMatchers.segment(ENTITY_KINDS).slash(PathMatchers.segment()), (kind, id) ->
                                completeWithFuture(api.get(kind, id))))),
                post(() -> concat(
                        path(PathMatchers.segment("actors").slash(PathMatchers.segment()).slash("kill"), id ->
                                completeWithFuture(api.killActor(id))),
                        path(PathMatchers.segment("tasks").slash(PathMatchers.segment()).slash("cancel"), id ->
                                completeWithFuture(api.cancelTask(id))))),
                extractMethod(method -> extractUnmatchedPath(p -> complete(JsonResponses.error(StatusCodes.NOT_FOUND,
                        "no endpoint " + method.value() + " /api" + p)))));
    }

    /** {@code inner} for a request that may use the dashboard; 401 JSON for any other. */
    private Route authorized(Supplier<Route> inner) {
        return extractRequest(request -> switch (auth.check(request)) {
            case ALLOW -> inner.get();
            case ALLOW_AND_SET_COOKIE -> setCookie(auth.cookie(), inner);
            case DENY -> complete(JsonResponses.error(StatusCodes.UNAUTHORIZED, "this dashboard needs its token: "
                    + "send 'Authorization: Bearer TOKEN' or open it once with ?token=TOKEN")
                    .addHeader(WWWAuthenticate.create(HttpChallenge.createOAuth2("rayo"))));
        });
    }

    private static RejectionHandler rejections() {
        return RejectionHandler.newBuilder()
                .handleNotFound(Directives.extractUnmatchedPath(p ->
                        Directives.complete(JsonResponses.error(StatusCodes.NOT_FOUND, "nothing at " + p))))
                .handleAll(akka.http.javadsl.server.Rejection.class, list -> Directives.complete(
                        JsonResponses.error(StatusCodes.BAD_REQUEST, "bad request: " + list.get(0))))
                .build();
    }

    private static ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder()
                .match(Throwable.class, e -> Directives.complete(JsonResponses.failure(e)))
                .build();
    }
}
