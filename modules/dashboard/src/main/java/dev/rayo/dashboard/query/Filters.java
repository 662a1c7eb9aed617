package dev.rayo.dashboard.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code key=value} filters of {@code rayo list --filter} and of the endpoints' query parameters, checked
 * against the columns of the kind listed before anything is asked of the cluster, so a typo is a one-line
 * 400 naming the valid columns instead of an empty list.
 * <p>
 * A filter matches a row whose column, written as text, equals the value ignoring case ({@code state=failed}
 * finds {@code FAILED}); a list column ({@code locations}, {@code roles}) matches when one of its elements
 * does. A filter with an empty value ({@code state=}, as an empty form field sends it) is no filter.
 */
public final class Filters implements Predicate<ObjectNode> {
    private final List<Filter> filters;

    private Filters(List<Filter> filters) {
        this.filters = filters;
    }

    /** One parsed filter: a column and the value it must have. */
    public record Filter(String column, String value) {
    }

    /**
     * Parses {@code specs} ({@code key=value} each, null or empty: no filter) for a kind whose rows have
     * {@code columns}, called {@code kind} in messages.
     *
     * @throws QueryException (400) for a spec without {@code =} or key, or a key that is no column
     */
    public static Filters parse(String kind, List<String> columns, List<String> specs) {
        List<Filter> parsed = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs) {
                int eq = spec == null ? -1 : spec.indexOf('=');
                if (eq <= 0) {
                    throw QueryException.badRequest("malformed filter '" + spec + "': expected key=value with key one of "
                            + String.join(", ", columns));
                }
                String column = spec.substring(0, eq).strip();
                String value = spec.substring(eq + 1).strip();
                if (!columns.contains(column)) {
                    throw QueryException.badRequest("unknown column '" + column + "' in filter '" + spec + "': " + kind
                            + " have " + String.join(", ", columns));
                }
                if (!value.isEmpty()) {
                    parsed.add(new Filter(column, value));
                }
            }
        }
        return new Filters(List.copyOf(parsed));
    }

    /** The filters that take effect, in order. */
    public List<Filter> filters() {
        return filters;
    }

    /** Whether {@code row} passes every filter. */
    @Override
    public boolean test(ObjectNode row) {
        for (Filter f : filters) {
            if (!matches(row.get(f.column()), f.value())) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(JsonNode field, String value) {
        if (field == null || field.isNull()) {
            return value.equalsIgnoreCase("null");
        }
        if (field.isArray()) {
            for (JsonNode element : field) {
                if (matches(element, value)) {
                    return true;
                }
            }
            return false;
        }
        if (field.isFloatingPointNumber() && field.asDouble() == Math.rint(field.asDouble())) {
            return Long.toString(field.asLong()).equals(value) || field.asText().equals(value);
        }
        return field.asText().equalsIgnoreCase(value);
    }
}
