package dev.rayo.dashboard.http;

import dev.rayo.dashboard.query.QueryException;
import dev.rayo.dashboard.query.StateQueries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query string of a list endpoint ({@code GET /api/tasks?state=FAILED&limit=50}): {@code limit} (default
 * {@value StateQueries#DEFAULT_LIMIT}, 1 to {@value StateQueries#MAX_LIMIT}), {@code offset} (from 0), and every
 * other parameter a filter {@code column=value}; {@code filter=column=value} says the same the way the CLI's
 * {@code --filter} does. Checked here so that a malformed page is a 400 before any node is asked.
 *
 * @param filters {@code column=value} each
 * @param limit   rows asked for
 * @param offset  rows skipped
 */
public record ListParams(List<String> filters, int limit, int offset) {
    /**
     * Parses {@code params} in their order.
     *
     * @throws QueryException (400) for a limit or offset that is no number or out of range, or a
     *                        {@code filter} without {@code =}
     */
    public static ListParams parse(List<Map.Entry<String, String>> params) {
        List<String> filters = new ArrayList<>();
        int limit = StateQueries.DEFAULT_LIMIT;
        int offset = 0;
        for (Map.Entry<String, String> p : params) {
            String key = p.getKey();
            String value = p.getValue() == null ? "" : p.getValue();
            switch (key) {
                case "limit" -> limit = number("limit", value, 1, StateQueries.MAX_LIMIT);
                case "offset" -> offset = number("offset", value, 0, Integer.MAX_VALUE);
                case "token" -> { }
                case "filter" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw QueryException.badRequest("malformed filter '" + value + "': write column=value");
                    }
                    filters.add(value);
                }
                default -> {
                    if (key.isBlank()) {
                        throw QueryException.badRequest("a query parameter without a name");
                    }
                    filters.add(key + "=" + value);
                }
            }
        }
        return new ListParams(List.copyOf(filters), limit, offset);
    }

    private static int number(String name, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw QueryException.badRequest(name + "=" + value + " is not a whole number");
        }
        if (n < min || n > max) {
            throw QueryException.badRequest(name + "=" + value + " is out of range (" + min + ".."
                    + (max == Integer.MAX_VALUE ? "" : String.valueOf(max)) + ")");
        }
        return n;
    }
}
