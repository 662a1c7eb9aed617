package dev.rayo.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures one workload: warm-up rounds, then timed rounds, each running batches until its time is up.
 * Only {@link Workload#run()} is timed; the figure of a round is its operations over the summed run
 * time, so untimed preparation never dilutes it.
 */
public final class Sampler {
    private final RunSettings settings;

    /** A sampler for the run's settings. */
    public Sampler(RunSettings settings) {
        this.settings = settings;
    }

    /** Creates the workload, measures it, and closes it whatever happens. */
    public Measurement measure(WorkloadFactory factory, BenchContext context, Unit unit, boolean histogram)
            throws Exception {
        try (Workload workload = factory.create(context)) {
            for (int i = 0; i < settings.warmupRounds(); i++) {
                round(workload, unit, null);
            }
            Histogram latencies = histogram ? new Histogram(3) : null;
            List<Double> figures = new ArrayList<>();
            long ops = 0;
            for (int i = 0; i < settings.rounds(); i++) {
                long[] opsAndNanos = round(workload, unit, latencies);
                ops += opsAndNanos[0];
                figures.add(unit.figure(opsAndNanos[0], opsAndNanos[1]));
            }
            Double p50 = latencies == null ? null : latencies.getValueAtPercentile(50) / 1e3;
            Double p99 = latencies == null ? null : latencies.getValueAtPercentile(99) / 1e3;
            return new Measurement(figures, ops, p50, p99);
        }
    }

    /** One round: returns {operations, timed nanoseconds}. */
    private long[] round(Workload workload, Unit unit, Histogram latencies) throws Exception {
        long deadline = System.nanoTime() + settings.round().toNanos();
        long ops = 0;
        long nanos = 0;
        do {
            workload.prepare();
            long start = System.nanoTime();
            long n = workload.run();
            long elapsed = System.nanoTime() - start;
            ops += n;
            nanos += elapsed;
            if (latencies != null && n > 0) {
                latencies.recordValue(Math.max(1, elapsed / n));
            }
        } while (System.nanoTime() < deadline);
        return new long[] {ops, Math.max(1, nanos)};
    }
}
