package dev.rayo.samples.matmul;

import dev.rayo.samples.common.CpuOption;
import dev.rayo.samples.common.Progress;
import dev.rayo.samples.common.ProgressOption;
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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./rayo demo}: the seed's "native vs Rayo" matmul experiment from the command line.
 * Prints a table of wall times and speed-ups and writes the chart as a PNG.
 *
 * <p>The defaults (500×500, 40 multiplications per task, 1..4 tasks) finish in well under a
 * minute on a 2-core machine; the seed's full run is
 * {@code --size 1000 --repeats 100 --max-tasks 8}.
 */
@Command(name = "matmul", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "Native vs Rayo: matrix multiplications in a plain loop and as Rayo tasks.",
            "Each task multiplies a random SIZE x SIZE matrix by itself REPEATS times; the run",
            "does 1..MAX-TASKS tasks each way, prints the times and writes a PNG chart.",
            "Default --cpus: all cores (Rayo's embedded default).",
            "The seed's full run: --size 1000 --repeats 100 --max-tasks 8"})
public final class MatmulDemo implements Callable<Integer> {
    @Option(names = "--size", paramLabel = "N", defaultValue = "500",
            description = "Rows and columns of the matrix (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "40",
            description = "Multiplications per task (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--max-tasks", paramLabel = "T", defaultValue = "4",
            description = "Run 1, 2, ... T tasks (default: ${DEFAULT-VALUE}).")
    int maxTasks;

    @Option(names = "--out", paramLabel = "FILE.png", defaultValue = "out/matmul.png",
            description = "Where to write the chart (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ProgressOption progressOption;

    @Mixin
    CpuOption cpuOption;

    @Spec
    CommandSpec spec;

    /** Runs the demo; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new MatmulDemo()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        MatmulSettings settings = new MatmulSettings(size, repeats, maxTasks);
        PrintWriter console = spec.commandLine().getOut();
        Timed<List<MatmulRow>> run;
        double cpus;
        try (RayoSession session = RayoSession.open(cpuOption.cpusOr(null))) {
            cpus = session.clusterCpus();
            console.printf("matmul: %d×%d matrix, %d multiplications per task, 1..%d tasks, %s CPUs%n",
                    size, size, repeats, maxTasks, session.clusterCpusText());
            console.flush();
            try (Progress progress = progressOption.start("matmul", settings.totalUnits())) {
                run = Timed.of(() -> new MatmulExperiment(settings).run(progress));
            }
        }
        console.print(table(run.value()).render());
        MatmulChart.write(run.value(), settings, cpus, out);
        console.printf("chart: %s%n", out.toAbsolutePath().normalize());
        console.printf("experiment time: %s s%n", Timed.seconds(run.seconds()));
        console.flush();
        return 0;
    }

    /** The printed comparison: one row per task count. */
    static TextTable table(List<MatmulRow> rows) {
        TextTable table = new TextTable("tasks", "serial s", "rayo s", "speed-up");
        for (MatmulRow row : rows) {
            table.addRow(row.tasks(), Timed.seconds(row.serialSeconds()), Timed.seconds(row.rayoSeconds()),
                    String.format("%.2fx", row.speedUp()));
        }
        return table;
    }
}
