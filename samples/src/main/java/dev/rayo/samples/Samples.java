package dev.rayo.samples;

import dev.rayo.samples.akkaservice.AkkaServiceDemo;
import dev.rayo.samples.common.SamplesVersion;
import dev.rayo.samples.matmul.MatmulDemo;
import dev.rayo.samples.modelsearch.ModelSearchDemo;
import dev.rayo.samples.paramserver.ParameterServerDemo;
import dev.rayo.samples.pipeline.PipelineDemo;
import dev.rayo.samples.rl.RlRolloutsDemo;
import dev.rayo.samples.treereduce.TreeReduceDemo;
import dev.rayo.samples.tune.TuneMpgDemo;
import dev.rayo.samples.tuneppo.TunePpoDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One entry point for every sample, chosen by name ({@code ./rayo run NAME [flags]}), so the
 * launcher needs a single main class. A new sample is one more entry in {@code subcommands}.
 */
@Command(name = "rayo run", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = "Runs one of Rayo's samples on the embedded one-node cluster.",
        subcommands = {MatmulDemo.class, TreeReduceDemo.class, PipelineDemo.class, ParameterServerDemo.class,
            ModelSearchDemo.class, AkkaServiceDemo.class, TuneMpgDemo.class, RlRolloutsDemo.class,
            TunePpoDemo.class, CommandLine.HelpCommand.class})
public final class Samples implements Runnable {

    @Spec
    CommandSpec spec;

    /** The command line with every sample registered, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Samples());
    }

    /** Runs the sample named by the first argument with the remaining arguments as its flags. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Without a sample name there is nothing to run: say which names exist. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a sample: " + String.join(", ", spec.subcommands().keySet()));
    }
}
