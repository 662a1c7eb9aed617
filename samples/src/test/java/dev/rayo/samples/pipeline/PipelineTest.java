package dev.rayo.samples.pipeline;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline gives the same losses on Rayo as serially, and reports both times. */
class PipelineTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(4).build());

    @Test
    void rayoLossesEqualSerialLossesInInputOrder() throws Exception {
        Pipeline pipeline = new Pipeline(5);
        List<Double> serial = pipeline.serial(4).value();
        assertEquals(serial, pipeline.onRayo(4).value());
        assertEquals(4, serial.size());
        assertEquals(Stages.all(2, 0), serial.get(2));
        assertEquals(4, serial.stream().distinct().count(), "each input has its own data");
    }

    @Test
    void normalizedDataHasMeanZeroAndUnitRange() throws Exception {
        double[] z = Stages.normalize(Stages.load(3, 0), 0);
        double[] f = Stages.features(z, 0);
        assertEquals(0, f[0], 1e-9);
        assertEquals(1, Math.max(-f[2], f[3]), 1e-9);
    }

    @Test
    void theSerialSumCountsEveryStageOfEveryInput() {
        assertEquals(1.6, new Pipeline(100).serialSumSeconds(4), 1e-9);
    }

    @Test
    void theCommandPrintsLossesAndTimes() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new PipelineDemo());
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--inputs", "3", "--stage-millis", "20"));
        String text = out.toString();
        assertTrue(text.contains("pipeline: 3 inputs x 4 stages, each stage sleeps 20 ms"), text);
        for (int input = 0; input < 3; input++) {
            assertTrue(text.matches("(?s).*\\n\\s*" + input + "\\s+\\d+\\.\\d{6}\\n.*"), "no loss for input " + input + ":\n" + text);
        }
        assertTrue(text.matches("(?s).*serial sum of stages\\s+0\\.24\\s+1\\.00x\\n.*"), text);
        assertTrue(text.contains("serial (measured)"), text);
        assertTrue(text.matches("(?s).*\\n\\s*rayo\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\dx\\n.*"), text);
    }
}
