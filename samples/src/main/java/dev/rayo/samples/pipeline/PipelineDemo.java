package dev.rayo.samples.pipeline;

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

/**
 * {@code ./rayo run pipeline}: load → normalize → features → loss over several inputs, serially
 * and as chained Rayo tasks; prints the Rayo time against the serial sum of the stage times.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "A four-stage pipeline over several inputs, serially and on Rayo.",
            "Runs load -> normalize -> features -> loss for each input, serially and as chained",
            "Rayo tasks, and prints the Rayo time against the serial sum of the stage times.",
            "Default --cpus: one per input (the stages sleep, they need no real core)."})
public final class PipelineDemo implements Callable<Integer> {

    @Option(names = "--inputs", paramLabel = "N", defaultValue = "4",
            description = "How many inputs to process (default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--stage-millis", paramLabel = "MS", defaultValue = "100",
            description = "How long each stage sleeps (default: ${DEFAULT-VALUE}).")
    long stageMillis;

    @Mixin
    CpuOption cpuOption;

    @Spec
    CommandSpec spec;

    /** Runs the demo; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineDemo()).execute(args));
    }

    @Override
    public Integer call() {
        if (inputs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--inputs must be at least 1");
        }
        PrintWriter console = spec.commandLine().getOut();
        Pipeline pipeline = new Pipeline(stageMillis);
        Timed<List<Double>> serial;
        Timed<List<Double>> rayo;
        try (RayoSession ignored = RayoSession.open(cpuOption.cpusOr(inputs))) {
            console.printf("pipeline: %d inputs x %d stages, each stage sleeps %d ms%n",
                    inputs, Pipeline.STAGES, stageMillis);
            console.flush();
            serial = pipeline.serial(inputs);
            rayo = pipeline.onRayo(inputs);
        }
        if (!serial.value().equals(rayo.value())) {
            throw new IllegalStateException("Rayo losses " + rayo.value() + " differ from serial " + serial.value());
        }
        console.print(lossTable(serial.value()).render());
        console.println();
        console.print(timeTable(pipeline.serialSumSeconds(inputs), serial, rayo).render());
        console.flush();
        return 0;
    }

    /** One row per input: the loss both runs agreed on. */
    static TextTable lossTable(List<Double> losses) {
        TextTable table = new TextTable("input", "loss");
        for (int i = 0; i < losses.size(); i++) {
            table.addRow(i, String.format("%.6f", losses.get(i)));
        }
        return table;
    }

    /** The timing comparison: the expected serial sum, the measured serial run, and Rayo. */
    static TextTable timeTable(double serialSum, Timed<?> serial, Timed<?> rayo) {
        return new TextTable("run", "seconds", "vs serial sum")
                .addRow("serial sum of stages", Timed.seconds(serialSum), "1.00x")
                .addRow("serial (measured)", Timed.seconds(serial.seconds()),
                        String.format("%.2fx", serialSum / serial.seconds()))
                .addRow("rayo", Timed.seconds(rayo.seconds()), String.format("%.2fx", serialSum / rayo.seconds()));
    }
}
