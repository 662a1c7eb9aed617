package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One page of a list: at most {@code limit} rows from {@code offset} on, answered as
 * {@code {"total": N, "truncated": bool, "items": [...]}} so that no answer grows with the cluster and the
 * reader always learns that more exists.
 *
 * @param limit  rows on the page, 1 to {@link StateQueries#MAX_LIMIT}
 * @param offset rows skipped, from 0
 */
public record Paging(int limit, int offset) {

    /**
     * A checked page.
     *
     * @throws QueryException (400) for a limit outside 1 to {@link StateQueries#MAX_LIMIT} or a negative offset
     */
    public static Paging of(int limit, int offset) {
        if (limit < 1 || limit > StateQueries.MAX_LIMIT) {
            throw QueryException.badRequest("limit must be between 1 and " + StateQueries.MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw QueryException.badRequest("offset must be 0 or more, not " + offset);
        }
        return new Paging(limit, offset);
    }

    /**
     * The page of {@code rows} (already filtered): {@code total} counts them all, {@code truncated} says whether
     * rows exist beyond the page or {@code incomplete} (the cluster's answer itself left rows out).
     */
    public ObjectNode page(List<ObjectNode> rows, boolean incomplete) {
        ObjectNode out = RowJson.MAPPER.createObjectNode();
        int from = Math.min(offset, rows.size());
        int to = (int) Math.min((long) from + limit, rows.size());
        out.put("total", rows.size());
        out.put("truncated", incomplete || to < rows.size());
        ArrayNode items = out.putArray("items");
        rows.subList(from, to).forEach(items::add);
        return out;
    }
}
