package dev.rayo.samples.akkaservice;

/**
 * The answer to {@code GET /api/report?n=N}: the sum of the squares 1..N (N Rayo tasks) and N times the
 * multiplier's factor (one Rayo actor call through a typed Akka actor).
 *
 * @param n            the request's N
 * @param sumOfSquares 1² + … + N²
 * @param scaled       N × factor
 */
public record Report(int n, long sumOfSquares, long scaled) {

    /** The report a correct service gives for {@code n} with a multiplier of {@code factor}. */
    public static Report expected(int n, int factor) {
        return new Report(n, Squares.sumOfSquares(n), (long) n * factor);
    }

    /** The JSON body the service answers with. */
    public String json() {
        return "{\"n\":" + n + ",\"sumOfSquares\":" + sumOfSquares + ",\"scaled\":" + scaled + "}";
    }
}
