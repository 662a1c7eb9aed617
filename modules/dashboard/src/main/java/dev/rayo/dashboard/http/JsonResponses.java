package dev.rayo.dashboard.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.dashboard.query.QueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Every JSON answer of the dashboard, errors included: an error is {@code {"error": "one line"}} with the status
 * that says what went wrong, so that a script or the pages can show it. A stack trace never leaves the server:
 * unexpected failures are logged here and answered with their one-line description.
 */
public final class JsonResponses {
    private static final Logger log = LoggerFactory.getLogger(JsonResponses.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonResponses() {
    }

    /** A new empty JSON object to fill. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code json} with status 200. */
    public static HttpResponse ok(JsonNode json) {
        return json(StatusCodes.OK, json);
    }

    /** {@code json} with {@code status}. */
    public static HttpResponse json(StatusCode status, JsonNode json) {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            return failure(e);
        }
        return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
    }

    /** {@code {"error": message}} with {@code status}. */
    public static HttpResponse error(StatusCode status, String message) {
        ObjectNode json = object();
        json.put("error", oneLine(message));
        return json(status, json);
    }

    /**
     * The answer to a request that failed with {@code failure}: a {@link QueryException}'s status and message,
     * 503 when the cluster did not answer in time, else 500 with the failure's one-line description (the stack
     * trace goes to the log only).
     */
    public static HttpResponse failure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof QueryException q) {
            return error(StatusCodes.get(q.status()), q.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return error(StatusCodes.SERVICE_UNAVAILABLE, "the cluster did not answer in time");
        }
        log.warn("dashboard request failed", cause);
        return error(StatusCodes.INTERNAL_SERVER_ERROR, cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    /** The failure inside the wrappers of futures. */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String oneLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
