package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.runtime.state.ClusterState;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The state API of OPERATIONS.md over {@link ClusterState}: what {@code GET /api/...} answers and what the
 * CLI prints with {@code --json}. Stages fail with {@link QueryException} for bad input.
 */
public final class StateQueries {
    /** Rows per page when the query names no limit. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most rows one page may ask for. */
    public static final int MAX_LIMIT = 10_000;

    private final ClusterState state;

    /** Queries answered from {@code state}. */
    public StateQueries(ClusterState state) {
        this.state = state;
    }

    /**
     * {@code GET /api/{kind}} and {@code rayo list KIND}: {@code {"total": N, "truncated": bool, "items": [...]}}
     * for kind {@code nodes|tasks|actors|objects}, each filter {@code key=value} on a column (snake_case name),
     * {@code limit} rows from {@code offset}.
     */
    public CompletionStage<ObjectNode> list(String kind, List<String> filters, int limit, int offset) {
        throw new UnsupportedOperationException("StateQueries.list is being written");
    }

    /** {@code GET /api/{kind}/{id}} and {@code rayo get KIND ID}: one task, actor or object in full. */
    public CompletionStage<ObjectNode> get(String kind, String id) {
        throw new UnsupportedOperationException("StateQueries.get is being written");
    }

    /** {@code GET /api/summary/{kind}} and {@code rayo summary KIND}: counts per name and state. */
    public CompletionStage<ObjectNode> summary(String kind) {
        throw new UnsupportedOperationException("StateQueries.summary is being written");
    }

    /** {@code GET /api/memory} and {@code rayo memory}: objects per store, per-node totals. */
    public CompletionStage<ObjectNode> memory(String groupBy, String sortBy) {
        throw new UnsupportedOperationException("StateQueries.memory is being written");
    }

    /** {@code GET /api/timeline?since=} and {@code rayo timeline}: the Chrome trace, as text. */
    public CompletionStage<String> timeline(String since) {
        throw new UnsupportedOperationException("StateQueries.timeline is being written");
    }

    /** The cluster state read. */
    public ClusterState state() {
        return state;
    }
}
