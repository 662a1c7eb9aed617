package dev.rayo.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Everything measured for one metric in one run: the Rayo side, its baseline, the variants, or the error
 * that stopped it (a failing metric is reported, and the suite goes on with the next one).
 *
 * @param metric   the metric
 * @param rayo     the Rayo measurement, null if it failed
 * @param baseline the baseline measurement, null if the metric has none or it failed
 * @param variants extra measurements by label; a variant that could not run maps to null
 * @param notes    remarks by variant label or topic (why a variant was skipped, a failure)
 * @param error    why the metric failed, or null
 * @param peer     the peer's measurement ({@code --peer}), null if none ran or it failed
 */
public record MetricResult(Metric metric, Measurement rayo, Measurement baseline, Map<String, Measurement> variants,
                           Map<String, String> notes, String error, Measurement peer) {

    /** The note key under which a failed or skipped peer side is reported. */
    public static final String PEER_NOTE = "peer";

    /** Copies the maps, keeping their order. */
    public MetricResult {
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        notes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    /** A result without a peer measurement. */
    public MetricResult(Metric metric, Measurement rayo, Measurement baseline, Map<String, Measurement> variants,
                        Map<String, String> notes, String error) {
        this(metric, rayo, baseline, variants, notes, error, null);
    }

    /** This result with the peer's measurement, or with {@code peerNote} saying why there is none. */
    public MetricResult withPeer(Measurement peerMeasurement, String peerNote) {
        Map<String, String> withNote = new LinkedHashMap<>(notes);
        if (peerNote != null) {
            withNote.put(PEER_NOTE, peerNote);
        }
        return new MetricResult(metric, rayo, baseline, variants, withNote, error, peerMeasurement);
    }

    /**
     * Rayo's speed over the peer's, medians against medians, inverted for latency units like
     * {@link #ratio()}: above 1.0 Rayo is faster than the peer.
     */
    public OptionalDouble peerRatio() {
        if (rayo == null || peer == null) {
            return OptionalDouble.empty();
        }
        double r = metric.unit().higherIsBetter() ? rayo.median() / peer.median() : peer.median() / rayo.median();
        return OptionalDouble.of(r);
    }

    /**
     * Rayo's speed over the baseline's, medians against medians: 1.0 means as fast as the plain JDK, 0.1
     * means ten times slower. For latency units the ratio is inverted, so higher is better everywhere.
     */
    public OptionalDouble ratio() {
        if (rayo == null || baseline == null) {
            return OptionalDouble.empty();
        }
        double r = metric.unit().higherIsBetter() ? rayo.median() / baseline.median() : baseline.median() / rayo.median();
        return OptionalDouble.of(r);
    }
}
