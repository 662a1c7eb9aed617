package dev.rayo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@link Metric} the families declare, built with {@link #builder(String)} so that each declaration
 * reads as name, unit, workloads and reference figure without positional arguments.
 */
public record MetricSpec(String name, Unit unit, EnvironmentKind environment, boolean latencyHistogram,
                         String description, WorkloadFactory rayo, Optional<WorkloadFactory> baseline,
                         Optional<String> baselineDescription, OptionalDouble rayPublished, Optional<String> rayNote,
                         List<Variant> variants, Optional<PeerWorkloadFactory> peer,
                         Optional<String> peerDescription) implements Metric {

    /** Starts a metric called {@code name} (a BENCHMARKS.md name). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects a metric's parts; defaults: ops/s, single node, no histogram, no baseline, no Ray figure, no peer. */
    public static final class Builder {
        private final String name;
        private Unit unit = Unit.OPS_PER_S;
        private EnvironmentKind environment = EnvironmentKind.SINGLE_NODE;
        private boolean histogram;
        private String description = "";
        private WorkloadFactory rayo;
        private WorkloadFactory baseline;
        private String baselineDescription;
        private Double rayPublished;
        private String rayNote;
        private final List<Variant> variants = new ArrayList<>();
        private PeerWorkloadFactory peer;
        private String peerDescription;

        private Builder(String name) {
            this.name = name;
        }

        /** The figure's unit. */
        public Builder unit(Unit u) {
            unit = u;
            return this;
        }

        /** Runs in the two-node environment. */
        public Builder twoNodes() {
            environment = EnvironmentKind.TWO_NODES;
            return this;
        }

        /** Records per-operation latencies (p50/p99). */
        public Builder latencyHistogram() {
            histogram = true;
            return this;
        }

        /** What one Rayo operation is, and its workload. */
        public Builder rayo(String what, WorkloadFactory factory) {
            description = what;
            rayo = factory;
            return this;
        }

        /** What the baseline does, and its workload. */
        public Builder baseline(String what, WorkloadFactory factory) {
            baselineDescription = what;
            baseline = factory;
            return this;
        }

        /** Ray's published figure in this metric's unit. */
        public Builder ray(double figure) {
            rayPublished = figure;
            return this;
        }

        /** Ray's published figure with a remark on what it measured. */
        public Builder ray(double figure, String note) {
            rayPublished = figure;
            rayNote = note;
            return this;
        }

        /** What the peer ({@code --peer}) does for the same work, and its workload. */
        public Builder peer(String what, PeerWorkloadFactory factory) {
            peerDescription = what;
            peer = factory;
            return this;
        }

        /** Adds an extra Rayo measurement. */
        public Builder variant(String label, WorkloadFactory factory) {
            variants.add(new Variant(label, false, factory));
            return this;
        }

        /** Adds a second plain-JDK baseline. */
        public Builder baselineVariant(String label, WorkloadFactory factory) {
            variants.add(new Variant(label, true, factory));
            return this;
        }

        /** The metric. */
        public Metric build() {
            Objects.requireNonNull(rayo, "rayo workload of " + name);
            return new MetricSpec(name, unit, environment, histogram, description, rayo, Optional.ofNullable(baseline),
                    Optional.ofNullable(baselineDescription),
                    rayPublished == null ? OptionalDouble.empty() : OptionalDouble.of(rayPublished),
                    Optional.ofNullable(rayNote), List.copyOf(variants), Optional.ofNullable(peer),
                    Optional.ofNullable(peerDescription));
        }
    }
}
