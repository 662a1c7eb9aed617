package dev.rayo.cli;

import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoException;
import dev.rayo.dashboard.query.StateQueries;
import dev.rayo.runtime.AkkaRayoRuntime;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The CLI's short visit to a cluster: a member with role {@code client} that offers nothing (0 CPUs, 0 GPUs,
 * no dashboard), joins through any member's address, reads what it came for and leaves. State queries leave
 * clients out, so a visit never shows up in what it reads.
 * <p>
 * A visit fails fast and quietly: joining gives up after {@link #JOIN_TIMEOUT}, and the client's logging
 * (Akka's warnings about a seed that does not answer, the remoting's stack traces) is off unless
 * {@code RAYO_LOG_LEVEL} asks for it, so a failed command prints its one line and nothing else. Akka's is
 * off in the client's own actor system; the JVM-wide logging only when the CLI runs as its own program
 * ({@link RayoCli#main}), so a program or test that runs a command in-process keeps its logs.
 */
final class ClusterClient implements AutoCloseable {
    /** How long a client waits to become a member: long enough for a loaded cluster, short for a wrong address. */
    static final String JOIN_TIMEOUT = "10s";

    private final AkkaRayoRuntime runtime;

    private ClusterClient(AkkaRayoRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Joins the cluster of {@code options}.
     *
     * @throws RuntimeException with a one-line message when no cluster answers there in time
     */
    static ClusterClient join(ClusterOptions options) {
        quietLogging();
        RayoConfig.Builder config = RayoConfig.builder().address(options.address)
                .set("rayo.cluster-name", options.clusterName).numCpus(0).numGpus(0)
                .set("rayo.node.roles", List.of("client"))
                .set("rayo.dashboard.enabled", "off")
                .set("rayo.startup-timeout", JOIN_TIMEOUT);
        if (System.getenv("RAYO_LOG_LEVEL") == null) {
            config.set("akka.loglevel", "OFF").set("akka.stdout-loglevel", "OFF");
        }
        try {
            return new ClusterClient(AkkaRayoRuntime.start(config.build(), AkkaRayoRuntime.Role.NODE));
        } catch (RayoException e) {
            if (String.valueOf(e.getMessage()).startsWith("this node did not become a cluster member")) {
                throw new RayoException("no Rayo cluster answered at " + options.address + " within " + JOIN_TIMEOUT
                        + " (is a node running there, with cluster name '" + options.clusterName + "'?)");
            }
            throw e;
        }
    }

    /** The client's runtime, for what the state queries don't cover (the gossiped node table). */
    AkkaRayoRuntime runtime() {
        return runtime;
    }

    /** The state queries, answered through this client exactly as the dashboard's endpoints answer them. */
    StateQueries queries() {
        return new StateQueries(runtime.clusterState());
    }

    /** Leaves the cluster and stops the client's actor system. */
    @Override
    public void close() {
        runtime.shutdown();
    }

    /**
     * Turns the JVM's logging off when the CLI is its own program and {@code RAYO_LOG_LEVEL} is not set
     * (logback only; another set-up is left alone).
     */
    private static void quietLogging() {
        if (!RayoCli.standalone() || System.getenv("RAYO_LOG_LEVEL") != null) {
            return;
        }
        try {
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
                context.getLogger("akka").setLevel(ch.qos.logback.classic.Level.OFF);
            }
        } catch (LinkageError e) {
            // Another logging set-up: its configuration decides.
        }
    }
}
