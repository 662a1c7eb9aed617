package dev.rayo.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Every metric of shared/BENCHMARKS.md, in the table's order, and the selection {@code --filter} makes.
 * Single-node metrics come first and the two-node ones last, so each environment is started once.
 */
public final class Suite {
    private Suite() {
    }

    /** All metrics, BENCHMARKS.md order. */
    public static List<Metric> all() {
        List<Metric> metrics = new ArrayList<>();
        metrics.addAll(TaskMetrics.all());
        metrics.addAll(ActorMetrics.all());
        metrics.add(ObjectMetrics.putCalls());
        metrics.add(ObjectMetrics.getCalls());
        metrics.addAll(LargeObjectMetrics.all());
        metrics.add(ObjectMetrics.wait1kRefs());
        metrics.add(ObjectMetrics.getObjectContaining10kRefs());
        metrics.addAll(CrossNodeMetrics.all());
        return List.copyOf(metrics);
    }

    /**
     * The metrics whose name equals one of {@code filters} or contains it; all of them when there is no
     * filter.
     */
    public static List<Metric> select(List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            return all();
        }
        return all().stream()
                .filter(m -> filters.stream().anyMatch(f -> m.name().equals(f) || m.name().contains(f)))
                .toList();
    }
}
