package dev.rayo.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One metric of shared/BENCHMARKS.md: its fixed name, how to run the Rayo side and the plain-JDK baseline,
 * and Ray's published figure. Metric families ({@link TaskMetrics}, {@link ActorMetrics} …) declare them;
 * the {@link Runner} measures them.
 */
public interface Metric {

    /** The name from BENCHMARKS.md, unchanged: reports and JSON keys use it. */
    String name();

    /** What the figure counts. */
    Unit unit();

    /** Where it runs. */
    EnvironmentKind environment();

    /** True to record every operation's latency in a histogram (p50/p99): the {@code _sync} metrics. */
    boolean latencyHistogram();

    /** One line saying what one Rayo operation is. */
    String description();

    /** The Rayo workload. */
    WorkloadFactory rayo();

    /** The plain-JDK workload doing the same work, when BENCHMARKS.md names one. */
    Optional<WorkloadFactory> baseline();

    /** What the baseline does, for the report (empty when there is none). */
    Optional<String> baselineDescription();

    /** Ray's published figure in this metric's unit, for reference only (it was not measured here). */
    OptionalDouble rayPublished();

    /** A remark on Ray's figure when it is not a like-for-like number (else empty). */
    Optional<String> rayNote();

    /** Extra measurements reported under the metric. */
    List<Variant> variants();

    /** The peer's workload doing the same work ({@code --peer}), when the peer has an equivalent. */
    default Optional<PeerWorkloadFactory> peer() {
        return Optional.empty();
    }

    /** What the peer side does, for the report (empty when there is none). */
    default Optional<String> peerDescription() {
        return Optional.empty();
    }
}
