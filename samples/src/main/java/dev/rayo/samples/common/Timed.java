package dev.rayo.samples.common;

/**
 * A result with the wall-clock time it took to compute. Every sample compares two ways of
 * doing the same work, so they all time their runs through this one helper.
 *
 * @param value   what the work returned
 * @param seconds wall-clock seconds the work took
 * @param <T>     the result type
 */
public record Timed<T>(T value, double seconds) {

    /** Work to time; may throw, like the task bodies it usually wraps. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work. */
        T run() throws Exception;
    }

    /**
     * Runs the work once and measures it with {@link System#nanoTime()}.
     * Checked exceptions are rethrown unchanged (wrapped only if they are not unchecked),
     * so a failing run is never mistaken for a fast one.
     */
    public static <T> Timed<T> of(Work<T> work) {
        long start = System.nanoTime();
        T value;
        try {
            value = work.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("timed work failed: " + e, e);
        }
        return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }

    /** Formats seconds the way all sample tables show them (two decimals). */
    public static String seconds(double seconds) {
        return String.format("%.2f", seconds);
    }
}
