package dev.rayo.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rayo bench}: measures every metric of shared/BENCHMARKS.md beside its plain-JDK baseline from
 * the same run, prints the table on stdout (progress on stderr) and optionally writes the JSON report.
 * The exit status is 1 when a metric failed, so scripts notice a broken run.
 */
@Command(name = "rayo bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run Rayo's microbenchmark suite: each metric of shared/BENCHMARKS.md beside a plain-JDK "
                + "baseline measured in the same run, with the ratio and Ray's published figure.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--filter", paramLabel = "NAME", split = ",",
            description = "Run only metrics whose name is or contains NAME (repeatable, comma-separated).")
    List<String> filters = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "1.0",
            description = "Seconds per round, warm-up and timed (default: ${DEFAULT-VALUE}; the full suite takes about 2.5 min on 2 cores).")
    double duration;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Timed rounds per workload (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1", description = "Warm-up rounds per workload (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--num-cpus", paramLabel = "N", description = "CPUs for Rayo's tasks and the baselines' pools (default: all cores).")
    Integer numCpus;

    @Option(names = "--peer", paramLabel = "NAME",
            description = "Also run the peer's equivalent of each task metric in the same run (after Rayo's, never at "
                    + "the same time) and print Rayo/peer: hazelcast (Hazelcast's IExecutorService, one member, or one "
                    + "member submitting to a second JVM).")
    String peer;

    @Option(names = "--list", description = "List the metric names and exit.")
    boolean list;

    /** The bench's logback configuration, a classpath resource; the second node logs with it too. */
    static final String LOGBACK_CONFIG = "rayo-bench-logback.xml";
    private static final String LOGBACK_PROPERTY = "logback.configurationFile";

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Entry point of {@code ./rayo bench}; always exits, since Akka's threads would keep a failed run alive. */
    public static void main(String[] args) {
        int status = 1;
        try {
            status = run(args, System.out, System.err);
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            System.exit(status);
        }
    }

    /** Runs the command with the report on {@code out} and progress on {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        useQuietLogging();
        Bench bench = new Bench();
        bench.out = out;
        bench.err = err;
        CommandLine cmd = new CommandLine(bench);
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        return cmd.execute(args);
    }

    /**
     * Points logback at the bench's own configuration (warnings only, on stderr) unless the user chose
     * one: the CLI jar on the classpath has a {@code logback.xml} too, and the table must stay readable.
     */
    static void useQuietLogging() {
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, LOGBACK_CONFIG);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (list) {
            Suite.all().forEach(m -> out.println(m.name()));
            return 0;
        }
        List<Metric> metrics = Suite.select(filters);
        if (metrics.isEmpty()) {
            err.println("rayo bench: no metric matches " + filters + "; the metrics are:");
            Suite.all().forEach(m -> err.println("  " + m.name()));
            return 2;
        }
        if (!(duration > 0)) {
            err.println("rayo bench: --duration must be positive");
            return 2;
        }
        PeerKind peerKind = null;
        if (peer != null) {
            peerKind = PeerKind.named(peer).orElse(null);
            if (peerKind == null) {
                err.println("rayo bench: unknown peer '" + peer + "'; the known peers are: " + PeerKind.knownNames());
                return 2;
            }
            if (metrics.stream().noneMatch(m -> m.peer().isPresent())) {
                err.println("rayo bench: no selected metric has a " + peerKind.cliName() + " side; the peer is not started");
            }
        }
        RunSettings settings = new RunSettings(Duration.ofMillis(Math.max(1, Math.round(duration * 1000))), warmup, rounds,
                numCpus != null ? numCpus : Runtime.getRuntime().availableProcessors(), peerKind);
        List<MetricResult> results = new Runner(settings, err).run(metrics);
        out.println();
        out.print(TableReport.render(results, settings));
        out.flush();
        if (json != null) {
            JsonReport.write(json, results, settings);
            err.println("rayo bench: wrote " + json.toAbsolutePath());
        }
        return results.stream().anyMatch(r -> r.error() != null) ? 1 : 0;
    }
}
