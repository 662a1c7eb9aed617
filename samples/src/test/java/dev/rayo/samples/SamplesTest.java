package dev.rayo.samples;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./rayo run NAME} reaches the sample of that name, with its flags. */
class SamplesTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(4).build());

    @Test
    void helpListsEverySample() {
        Run help = run("--help");
        assertEquals(0, help.exitCode);
        for (String name : new String[] {"matmul", "tree-reduce", "pipeline", "parameter-server", "model-search", "akka-service", "tune-mpg", "rl-rollouts", "tune-ppo"}) {
            assertTrue(help.out.contains(name), "help does not list " + name + ":\n" + help.out);
        }
    }

    @Test
    void dispatchesByNameAndPassesTheFlags() {
        Run pipeline = run("pipeline", "--inputs", "2", "--stage-millis", "10");
        assertEquals(0, pipeline.exitCode, pipeline.err);
        assertTrue(pipeline.out.startsWith("pipeline: 2 inputs x 4 stages, each stage sleeps 10 ms"), pipeline.out);
    }

    @Test
    void unknownNamesAndMissingNamesFail() {
        assertNotEquals(0, run("no-such-sample").exitCode);
        Run none = run();
        assertNotEquals(0, none.exitCode);
        assertTrue(none.err.contains("name a sample"), none.err);
    }

    @Test
    void theRuntimeStartedByTheTestOutlivesTheSample() {
        assertEquals(0, run("tree-reduce", "--values", "2", "--add-millis", "1").exitCode);
        assertTrue(Rayo.isInitialized(), "a sample must not shut down a runtime it did not start");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Samples.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
