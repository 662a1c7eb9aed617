package dev.rayo.dashboard.query;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code --since} and {@code ?since=} of the timeline: a number and a unit ({@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT5M}).
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * The duration {@code text} names; null or blank: null (no bound).
     *
     * @throws QueryException (400) for anything else, or a negative duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        Matcher m = SHORT.matcher(t.toLowerCase());
        Duration d;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(t);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw malformed(text);
        }
        if (d.isNegative()) {
            throw malformed(text);
        }
        return d;
    }

    private static QueryException malformed(String text) {
        return QueryException.badRequest("malformed duration '" + text
                + "': expected a number and a unit (500ms, 30s, 10m, 2h, 1d) or ISO-8601 (PT5M)");
    }
}
