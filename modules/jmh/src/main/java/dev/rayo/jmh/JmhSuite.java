package dev.rayo.jmh;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code rayo jmh}: runs the JMH benchmarks of Rayo's hot paths and prints each beside its plain-JDK
 * baseline from the same run, with the ratio. {@code rayo bench} stays the end-to-end summary.
 */
@Command(name = "rayo jmh", mixinStandardHelpOptions = true,
        description = "JMH benchmarks of Rayo's hot paths (store, serialization, resource accounting), each beside a plain-JDK baseline.")
public final class JmhSuite implements Callable<Integer> {
    @Option(names = "--filter", paramLabel = "REGEX", defaultValue = "dev\\.rayo\\.jmh\\..*",
            description = "Benchmarks whose name matches (default: all of Rayo's).")
    String filter;

    @Option(names = "--quick", description = "One short in-process round per benchmark: checks that they run, measures little.")
    boolean quick;

    @Option(names = "--forks", defaultValue = "1", description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
    int forks;

    /** Runs the suite; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new JmhSuite()).execute(args));
    }

    @Override
    public Integer call() throws RunnerException {
        List<RatioTable.Score> scores = run();
        PrintWriter out = new PrintWriter(System.out);
        RatioTable.print(RatioTable.pair(scores), out);
        List<RatioTable.Score> failed = RatioTable.unpairedBaselines(scores);
        failed.forEach(s -> out.printf("no Rayo result beside %s %s: its benchmark failed (see its error above)%n", s.name(), s.params()));
        out.flush();
        return scores.isEmpty() || !failed.isEmpty() ? 1 : 0;
    }

    /** Runs the selected benchmarks and returns their scores. */
    List<RatioTable.Score> run() throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(filter).mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS);
        if (quick) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100)).verbosity(VerboseMode.SILENT);
        } else {
            options.forks(forks).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<RatioTable.Score> scores = new ArrayList<>();
        for (RunResult r : results) {
            TreeMap<String, String> params = new TreeMap<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.put(key, r.getParams().getParam(key));
            }
            scores.add(new RatioTable.Score(r.getParams().getBenchmark().replace("dev.rayo.jmh.", ""),
                    params.isEmpty() ? "" : params.toString(), r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError()));
        }
        return scores;
    }
}
