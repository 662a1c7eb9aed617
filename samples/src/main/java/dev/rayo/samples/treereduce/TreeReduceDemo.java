package dev.rayo.samples.treereduce;

import dev.rayo.samples.common.CpuOption;
import dev.rayo.samples.common.RayoSession;
import dev.rayo.samples.common.SamplesVersion;
import dev.rayo.samples.common.TextTable;
import dev.rayo.samples.common.Timed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code ./rayo run tree-reduce}: sums 1..N with slow adds, chained and as a tree, and prints
 * both times (the seed: 8 values, 1 s adds, 7 s against 3 s).
 */
@Command(name = "tree-reduce", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "Linear vs tree aggregation of 1..N with slow adds on Rayo.",
            "The linear sum chains N-1 adds; the tree pairs them up (depth log2 N). Prints both times.",
            "Default --cpus: N/2, enough for the widest level of the tree (the adds sleep, they need no real core)."})
public final class TreeReduceDemo implements Callable<Integer> {

    @Option(names = "--values", paramLabel = "N", defaultValue = "8",
            description = "How many values to sum (default: ${DEFAULT-VALUE}).")
    int values;

    @Option(names = "--add-millis", paramLabel = "MS", defaultValue = "1000",
            description = "How long each add sleeps (default: ${DEFAULT-VALUE}).")
    long addMillis;

    @Mixin
    CpuOption cpuOption;

    @Spec
    CommandSpec spec;

    /** Runs the demo; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TreeReduceDemo()).execute(args));
    }

    @Override
    public Integer call() {
        if (values < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--values must be at least 1");
        }
        List<Integer> inputs = IntStream.rangeClosed(1, values).boxed().collect(Collectors.toList());
        PrintWriter console = spec.commandLine().getOut();
        TreeReduce reduce = new TreeReduce(addMillis);
        Reduction linear;
        Reduction tree;
        try (RayoSession ignored = RayoSession.open(cpuOption.cpusOr(Math.max(1, values / 2)))) {
            console.printf("tree-reduce: sum of 1..%d, each add sleeps %d ms%n", values, addMillis);
            console.flush();
            linear = reduce.linear(inputs);
            tree = reduce.tree(inputs);
        }
        console.print(table(linear, tree).render());
        console.flush();
        return 0;
    }

    /** The printed comparison: one row per reduction shape. */
    static TextTable table(Reduction linear, Reduction tree) {
        TextTable table = new TextTable("reduction", "sum", "adds", "depth", "seconds");
        table.addRow("linear", linear.sum(), linear.adds(), linear.depth(), Timed.seconds(linear.seconds()));
        table.addRow("tree", tree.sum(), tree.adds(), tree.depth(), Timed.seconds(tree.seconds()));
        return table;
    }
}
