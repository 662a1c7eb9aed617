package dev.rayo.samples.akkaservice;

import dev.rayo.samples.common.SamplesVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ./rayo run akka-service}: the Akka HTTP service with Rayo inside, serving until stopped, or with
 * {@code --requests N} checking itself with N parallel requests and exiting (0 when every answer is right).
 */
@Command(name = "akka-service", mixinStandardHelpOptions = true, versionProvider = SamplesVersion.class,
        description = {
            "An Akka HTTP service with Rayo inside its own actor system (RayoExtension).",
            "GET /api/report?n=N fans out N Rayo tasks (squares) and one Rayo actor call (via a typed actor's",
            "pipeToSelf), and answers {\"n\":N,\"sumOfSquares\":..,\"scaled\":..} from CompletionStages."})
public final class AkkaServiceDemo implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to serve HTTP on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "0",
            description = "Send N parallel requests to the service, check every answer, then exit (default: serve until stopped).")
    int requests;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A HOCON file over the service's akka-service.conf, e.g. config/kubernetes/kubernetes.conf.")
    File config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
        }
        if (requests < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--requests must be >= 0, was " + requests);
        }
        if (config != null && !config.isFile()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config: no file " + config);
        }
        PrintWriter console = spec.commandLine().getOut();
        try (AkkaService service = AkkaService.start(host, port, config)) {
            console.printf("akka-service: listening on http://%s:%d/api/report?n=N%n", host, service.port());
            console.flush();
            if (requests == 0) {
                service.awaitTermination();
                return 0;
            }
            String target = host.equals("0.0.0.0") ? "127.0.0.1" : host;
            LoadCheck.Outcome outcome = LoadCheck.run(URI.create("http://" + target + ":" + service.port()), requests,
                    Duration.ofSeconds(60));
            console.printf("akka-service: %d of %d answers right%n", outcome.right(), outcome.requests());
            outcome.wrong().stream().limit(10).forEach(console::println);
            console.flush();
            return outcome.allRight() ? 0 : 1;
        }
    }
}
