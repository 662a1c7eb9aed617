package dev.rayo.dashboard.metrics;

import dev.rayo.runtime.events.TaskState;
import dev.rayo.runtime.state.ActorRow;
import dev.rayo.runtime.state.ClusterState;
import dev.rayo.runtime.state.NodeRow;
import dev.rayo.runtime.state.StateEndpoint;
import dev.rayo.runtime.state.TaskRow;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * {@code /metrics} in the Prometheus text format (OPERATIONS.md "Metrics"): the cluster's state, read on each
 * scrape from every member, beside this JVM's own metrics. Every label is low-cardinality (a state, a resource
 * name): no task, object or actor id ever becomes a label.
 * <ul>
 * <li>{@code rayo_tasks{state}}: tasks per state now, over the tasks whose events the nodes still keep;</li>
 * <li>{@code rayo_actors{state}}: actors per state;</li>
 * <li>{@code rayo_nodes}: members that are up (CLI clients left out);</li>
 * <li>{@code rayo_resources{resource,state="used|total"}}: the cluster's logical resources;</li>
 * <li>{@code rayo_object_store_bytes{state="used|spilled|capacity"}}: the nodes' stores summed (Rayo does not
 * spill, so {@code spilled} is 0);</li>
 * <li>{@code rayo_task_duration_seconds}: how long the finished tasks among the retained events ran (their
 * latest attempt) — a histogram of that window ({@code rayo.events.capacity} events per node), not of all
 * time, so it may shrink when old events are overwritten;</li>
 * <li>{@code rayo_task_events_total{state}}: attempts that entered each state since the nodes started (a
 * counter that only moves up while the nodes live), and {@code rayo_task_events_dropped_total}: events the
 * bounded logs overwrote.</li>
 * </ul>
 * Each scrape builds its values afresh from one {@link ClusterSample}, so concurrent scrapes never see each
 * other's half-written values.
 */
public final class RayoMetrics {
    /** Upper bounds of {@code rayo_task_duration_seconds}: from a millisecond to ten minutes. */
    private static final double[] DURATION_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10, 30, 60, 120, 300, 600};
    private static final List<String> ACTOR_STATES = List.of("ALIVE", "PENDING_CREATION", "RESTARTING", "DEAD");

    /** The JVM's own metrics, registered once per JVM: they describe the process, not a runtime. */
    private static final PrometheusRegistry JVM = jvmRegistry();

    private final ClusterState state;
    private final Duration deadline;

    /** Metrics of the cluster read through {@code state}, each scrape waiting at most {@code deadline}. */
    public RayoMetrics(ClusterState state, Duration deadline) {
        this.state = state;
        this.deadline = deadline;
    }

    /** One scrape: the text of every metric; fails with a TimeoutException when the cluster did not answer. */
    public CompletionStage<String> scrape() {
        return ClusterSample.read(state, deadline).thenApply(RayoMetrics::render);
    }

    /** The text of the metrics of {@code sample} and of this JVM. */
    static String render(ClusterSample sample) {
        PrometheusRegistry registry = new PrometheusRegistry();
        tasks(sample.tasks(), registry);
        actors(sample.actors(), registry);
        nodes(sample.nodes(), registry);
        events(sample.descriptions(), registry);
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        for (MetricSnapshot s : registry.scrape()) {
            all.metricSnapshot(s);
        }
        for (MetricSnapshot s : JVM.scrape()) {
            all.metricSnapshot(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, all.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void tasks(List<TaskRow> tasks, PrometheusRegistry registry) {
        Gauge perState = Gauge.builder().name("rayo_tasks").labelNames("state")
                .help("Tasks per state, among the tasks whose events the nodes still keep").register(registry);
        Histogram durations = Histogram.builder().name("rayo_task_duration_seconds").classicOnly()
                .classicUpperBounds(DURATION_BOUNDS)
                .help("How long finished tasks ran (latest attempt), over the events the nodes still keep")
                .register(registry);
        Map<String, Integer> counts = new TreeMap<>();
        for (TaskState s : TaskState.values()) {
            counts.put(s.name(), 0);
        }
        for (TaskRow t : tasks) {
            counts.merge(t.state(), 1, Integer::sum);
            if (TaskState.FINISHED.name().equals(t.state()) && t.durationMicros() >= 0) {
                durations.observe(t.durationMicros() / 1e6);
            }
        }
        counts.forEach((s, n) -> perState.labelValues(s).set(n));
    }

    private static void actors(List<ActorRow> actors, PrometheusRegistry registry) {
        Gauge perState = Gauge.builder().name("rayo_actors").labelNames("state")
                .help("Actors per state").register(registry);
        Map<String, Integer> counts = new TreeMap<>();
        ACTOR_STATES.forEach(s -> counts.put(s, 0));
        actors.forEach(a -> counts.merge(a.state(), 1, Integer::sum));
        counts.forEach((s, n) -> perState.labelValues(s).set(n));
    }

    private static void nodes(List<NodeRow> nodes, PrometheusRegistry registry) {
        Gauge.builder().name("rayo_nodes").help("Members of the cluster that are up (CLI clients left out)")
                .register(registry).set(nodes.stream().filter(n -> "ALIVE".equals(n.state())).count());
        Gauge resources = Gauge.builder().name("rayo_resources").labelNames("resource", "state")
                .help("The cluster's logical resources: used and total").register(registry);
        Map<String, double[]> sums = new TreeMap<>();
        long used = 0;
        long capacity = 0;
        for (NodeRow n : nodes) {
            n.resourcesTotal().forEach((r, v) -> sums.computeIfAbsent(r, k -> new double[2])[1] += v);
            n.resourcesTotal().forEach((r, v) ->
                    sums.get(r)[0] += v - n.resourcesAvailable().getOrDefault(r, v));
            used += n.storeUsedBytes();
            capacity += n.storeCapacityBytes();
        }
        sums.forEach((r, v) -> {
            resources.labelValues(r, "used").set(v[0]);
            resources.labelValues(r, "total").set(v[1]);
        });
        Gauge store = Gauge.builder().name("rayo_object_store_bytes").labelNames("state")
                .help("Bytes in the nodes' object stores: used, spilled (Rayo does not spill: 0) and capacity")
                .register(registry);
        store.labelValues("used").set(used);
        store.labelValues("spilled").set(0);
        store.labelValues("capacity").set(capacity);
    }

    private static void events(List<StateEndpoint.Description> descriptions, PrometheusRegistry registry) {
        Counter entered = Counter.builder().name("rayo_task_events_total").labelNames("state")
                .help("Task attempts that entered each state, since the nodes started").register(registry);
        Counter dropped = Counter.builder().name("rayo_task_events_dropped_total")
                .help("Task events the nodes' bounded logs overwrote").register(registry);
        long[] sums = new long[TaskState.values().length];
        long droppedSum = 0;
        for (StateEndpoint.Description d : descriptions) {
            long[] counts = d.enteredCounts();
            for (int i = 0; counts != null && i < Math.min(counts.length, sums.length); i++) {
                sums[i] += counts[i];
            }
            droppedSum += d.droppedEvents();
        }
        for (TaskState s : TaskState.values()) {
            entered.labelValues(s.name()).inc(sums[s.ordinal()]);
        }
        dropped.inc(droppedSum);
    }

    private static PrometheusRegistry jvmRegistry() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return registry;
    }
}
