package dev.rayo.dashboard.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.ContentDisposition;
import akka.http.javadsl.model.headers.ContentDispositionTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.dashboard.query.QueryException;
import dev.rayo.dashboard.query.StateQueries;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.state.ActorRow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What each {@code /api/...} endpoint answers, apart from routing: the state API of {@link StateQueries}, the
 * timeline, and the two endpoints that change the cluster (kill an actor, cancel a task). Every answer is a
 * stage of a full response: failures, thrown or in the stage, become the JSON error of
 * {@link JsonResponses#failure}, so no request ever ends without an answer.
 */
public final class ApiHandlers {
    private final StateQueries queries;
    private final AkkaRayoRuntime runtime;

    /** Answers from {@code queries}; actors are killed through {@code runtime}. */
    public ApiHandlers(StateQueries queries, AkkaRayoRuntime runtime) {
        this.queries = queries;
        this.runtime = runtime;
    }

    /** {@code GET /api/{kind}}: one page of nodes, tasks, actors or objects. */
    public CompletionStage<HttpResponse> list(String kind, List<Map.Entry<String, String>> params) {
        return guarded(() -> {
            ListParams p = ListParams.parse(params);
            return queries.list(kind, p.filters(), p.limit(), p.offset()).thenApply(JsonResponses::ok);
        });
    }

    /** {@code GET /api/{kind}/{id}}: one task, actor or object in full. */
    public CompletionStage<HttpResponse> get(String kind, String id) {
        return guarded(() -> queries.get(kind, id).thenApply(JsonResponses::ok));
    }

    /** {@code GET /api/summary/{kind}}. */
    public CompletionStage<HttpResponse> summary(String kind) {
        return guarded(() -> queries.summary(kind).thenApply(JsonResponses::ok));
    }

    /** {@code GET /api/memory?group_by=&sort_by=}. */
    public CompletionStage<HttpResponse> memory(Map<String, String> params) {
        return guarded(() -> queries.memory(params.get("group_by"), params.get("sort_by")).thenApply(JsonResponses::ok));
    }

    /**
     * {@code GET /api/timeline?since=}: the Chrome trace; with {@code download=1} as an attachment
     * {@code rayo-timeline.json}, so that a link saves it instead of showing it.
     */
    public CompletionStage<HttpResponse> timeline(Map<String, String> params) {
        return guarded(() -> {
            boolean download = params.containsKey("download") && !"0".equals(params.get("download"))
                    && !"false".equalsIgnoreCase(params.get("download"));
            return queries.timeline(params.get("since")).thenApply(trace -> {
                HttpResponse response = HttpResponse.create().withEntity(
                        HttpEntities.create(ContentTypes.APPLICATION_JSON, trace.getBytes(StandardCharsets.UTF_8)));
                return download ? response.addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
                        Map.of("filename", "rayo-timeline.json"))) : response;
            });
        });
    }

    /**
     * {@code POST /api/actors/{id}/kill}: kills the actor for good (as {@code Rayo.killActor} with
     * {@code noRestart}); 404 for an id the actor table does not know, 409 for an actor already dead.
     */
    public CompletionStage<HttpResponse> killActor(String actorId) {
        return guarded(() -> runtime.clusterState().actors().thenApply(answer -> {
            Optional<ActorRow> actor = answer.rows().stream().filter(a -> a.actorId().equals(actorId)).findFirst();
            if (actor.isEmpty()) {
                throw QueryException.notFound("no actor with id " + actorId);
            }
            if ("DEAD".equals(actor.get().state())) {
                throw new QueryException(409, "actor " + actorId + " is already dead");
            }
            runtime.killActor(actorId);
            ObjectNode json = JsonResponses.object();
            json.put("actor_id", actorId);
            json.put("killed", true);
            return JsonResponses.ok(json);
        }));
    }

    /**
     * {@code POST /api/tasks/{id}/cancel}: cancels the task as {@code Rayo.cancel} does (queued: never runs;
     * running: interrupted; its results say cancelled) and answers 202, since the cancel reaches the nodes after
     * the answer. 404 for an id the task events do not know, 409 for a task that already ended or an actor call
     * (kill the actor instead).
     */
    public CompletionStage<HttpResponse> cancelTask(String taskId) {
        return guarded(() -> queries.get("tasks", taskId).thenApply(task -> {
            String state = task.path("state").asText();
            String actorId = task.path("actor_id").asText("");
            if (!actorId.isEmpty() && !"null".equals(actorId)) {
                throw new QueryException(409, "task " + taskId + " is a call of actor " + actorId
                        + ": actor calls are not cancelled; kill the actor instead");
            }
            if ("FINISHED".equals(state) || "FAILED".equals(state)) {
                throw new QueryException(409, "task " + taskId + " already ended (" + state + ")");
            }
            runtime.cancelTask(taskId);
            ObjectNode json = JsonResponses.object();
            json.put("task_id", taskId);
            json.put("cancel_requested", true);
            return JsonResponses.json(StatusCodes.ACCEPTED, json);
        }));
    }

    /** {@code body}'s answer, with anything it throws or fails with turned into a JSON error. */
    static CompletionStage<HttpResponse> guarded(Supplier<CompletionStage<HttpResponse>> body) {
        CompletionStage<HttpResponse> stage;
        try {
            stage = body.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(JsonResponses.failure(e));
        }
        return stage.exceptionally(JsonResponses::failure);
    }
}
