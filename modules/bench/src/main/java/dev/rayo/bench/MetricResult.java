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
 */
public record MetricResult(Metric metric, Measurement rayo, Measurement baseline, Map<String, Measurement> variants,
                           Map<String, String> notes, String error) {

    /** Copies the maps, keeping their order. */
    public MetricResult {
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        notes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
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
