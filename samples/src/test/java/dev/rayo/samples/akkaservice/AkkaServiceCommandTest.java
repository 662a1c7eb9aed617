package dev.rayo.samples.akkaservice;

import dev.rayo.samples.Samples;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./rayo run akka-service --requests N}: the service checks itself over HTTP, then stops. */
class AkkaServiceCommandTest {

    @Test
    void selfCheckServesAndChecksEveryAnswer() {
        StringWriter out = new StringWriter();
        CommandLine cli = Samples.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("akka-service", "--port", "0", "--requests", "50");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("akka-service: 50 of 50 answers right"), out.toString());
    }
}
