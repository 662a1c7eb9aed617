package dev.rayo.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the selected metrics: starts each environment once for the metrics that need it, measures each
 * metric's Rayo side, baseline and variants with the {@link Sampler}, and keeps going past failures so one
 * broken metric still leaves a full report. Progress goes to a separate stream from the report.
 */
public final class Runner {
    private final RunSettings settings;
    private final Sampler sampler;
    private final PrintStream progress;

    /** A runner with the run's settings, printing progress lines to {@code progress}. */
    public Runner(RunSettings settings, PrintStream progress) {
        this.settings = settings;
        this.sampler = new Sampler(settings);
        this.progress = progress;
    }

    /** Measures {@code metrics}; the results keep their order. */
    public List<MetricResult> run(List<Metric> metrics) {
        Map<EnvironmentKind, List<Metric>> byEnvironment = new LinkedHashMap<>();
        for (Metric m : metrics) {
            byEnvironment.computeIfAbsent(m.environment(), k -> new ArrayList<>()).add(m);
        }
        Map<Metric, MetricResult> results = new LinkedHashMap<>();
        int[] done = {0};
        for (Map.Entry<EnvironmentKind, List<Metric>> group : byEnvironment.entrySet()) {
            progress.println("rayo bench: starting the " + group.getKey().name().toLowerCase().replace('_', '-')
                    + " environment (" + settings.numCpus() + " CPUs)");
            Environment env;
            try {
                env = Environment.start(group.getKey(), settings);
            } catch (Exception | Error e) {
                for (Metric m : group.getValue()) {
                    results.put(m, failed(m, "environment did not start: " + describe(e)));
                    progress.println("  " + m.name() + ": FAILED (" + describe(e) + ")");
                }
                continue;
            }
            try (env) {
                for (Metric m : group.getValue()) {
                    done[0]++;
                    MetricResult r = measure(m, env.context());
                    results.put(m, r);
                    progress.println("  [" + done[0] + "/" + metrics.size() + "] " + summary(r));
                }
            }
            if (settings.peer() != null) {
                measurePeer(settings.peer(), group.getKey(), group.getValue(), results);
            }
        }
        List<MetricResult> ordered = new ArrayList<>();
        for (Metric m : metrics) {
            ordered.add(results.get(m));
        }
        return ordered;
    }

    /**
     * Measures the peer side of the group's metrics that have one, after the Rayo environment is closed so
     * that the two never compete for the CPUs; the peer is not started when no metric of the group needs it.
     */
    private void measurePeer(PeerKind peer, EnvironmentKind kind, List<Metric> group, Map<Metric, MetricResult> results) {
        List<Metric> withPeer = group.stream().filter(m -> m.peer().isPresent()).toList();
        if (withPeer.isEmpty()) {
            return;
        }
        progress.println("rayo bench: starting " + peer.title() + " for the " + kind.name().toLowerCase().replace('_', '-')
                + " environment");
        PeerCluster cluster;
        try {
            cluster = peer.start(kind, settings);
        } catch (Exception | Error e) {
            for (Metric m : withPeer) {
                results.put(m, results.get(m).withPeer(null, "failed: " + peer.title() + " did not start: " + describe(e)));
                progress.println("  " + m.name() + ": peer FAILED (" + describe(e) + ")");
            }
            return;
        }
        try (cluster) {
            for (Metric m : withPeer) {
                PeerWorkloadFactory factory = m.peer().get();
                MetricResult r;
                try {
                    Measurement x = sampler.measure(ctx -> factory.create(ctx, cluster), cluster.context(), m.unit(),
                            m.latencyHistogram());
                    r = results.get(m).withPeer(x, null);
                } catch (Exception | Error e) {
                    r = results.get(m).withPeer(null, "failed: " + describe(e));
                }
                results.put(m, r);
                progress.println("  peer " + peerSummary(r));
            }
        }
    }

    private MetricResult measure(Metric m, BenchContext context) {
        Map<String, String> notes = new LinkedHashMap<>();
        Measurement rayo;
        try {
            rayo = sampler.measure(m.rayo(), context, m.unit(), m.latencyHistogram());
        } catch (Exception | Error e) {
            return failed(m, describe(e));
        }
        Measurement baseline = null;
        if (m.baseline().isPresent()) {
            try {
                baseline = sampler.measure(m.baseline().get(), context, m.unit(), m.latencyHistogram());
            } catch (Exception | Error e) {
                notes.put("baseline", "failed: " + describe(e));
            }
        }
        Map<String, Measurement> variants = new LinkedHashMap<>();
        for (Variant v : m.variants()) {
            try {
                variants.put(v.label(), sampler.measure(v.factory(), context, m.unit(), m.latencyHistogram() && !v.baseline()));
            } catch (SkippedException e) {
                variants.put(v.label(), null);
                notes.put(v.label(), "skipped: " + e.getMessage());
            } catch (Exception | Error e) {
                variants.put(v.label(), null);
                notes.put(v.label(), "failed: " + describe(e));
            }
        }
        return new MetricResult(m, rayo, baseline, variants, notes, null);
    }

    private static MetricResult failed(Metric m, String error) {
        return new MetricResult(m, null, null, Map.of(), Map.of(), error);
    }

    private static String summary(MetricResult r) {
        if (r.error() != null) {
            return r.metric().name() + ": FAILED (" + r.error() + ")";
        }
        String unit = r.metric().unit().label();
        StringBuilder s = new StringBuilder(r.metric().name()).append(": ")
                .append(Format.figure(r.rayo().median(), r.metric().unit())).append(' ').append(unit);
        if (r.baseline() != null) {
            s.append(", baseline ").append(Format.figure(r.baseline().median(), r.metric().unit())).append(' ').append(unit)
                    .append(", ratio ").append(Format.ratio(r.ratio().orElse(Double.NaN)));
        }
        return s.toString();
    }

    private static String peerSummary(MetricResult r) {
        String name = r.metric().name();
        if (r.peer() == null) {
            return name + ": " + r.notes().get(MetricResult.PEER_NOTE);
        }
        Unit u = r.metric().unit();
        return name + ": " + Format.figure(r.peer().median(), u) + ' ' + u.label()
                + ", Rayo/peer " + Format.ratio(r.peerRatio().orElse(Double.NaN));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
