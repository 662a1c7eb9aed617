package dev.rayo.dashboard.query;

/**
 * A state query that can't be answered as asked: a malformed filter or page (HTTP 400), an unknown id or kind
 * (404), or a cluster that did not answer (503). Its message is one line meant for the user.
 */
public final class QueryException extends RuntimeException {
    private final int status;

    /** A failed query answered with HTTP {@code status} and {@code message}. */
    public QueryException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** A malformed query (400). */
    public static QueryException badRequest(String message) {
        return new QueryException(400, message);
    }

    /** Nothing with that id (404). */
    public static QueryException notFound(String message) {
        return new QueryException(404, message);
    }

    /** The HTTP status this failure answers with. */
    public int status() {
        return status;
    }
}
