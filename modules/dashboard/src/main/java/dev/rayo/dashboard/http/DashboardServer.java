package dev.rayo.dashboard.http;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.server.Route;
import akka.stream.StreamTcpException;
import dev.rayo.dashboard.metrics.RayoMetrics;
import dev.rayo.dashboard.query.StateQueries;
import dev.rayo.runtime.AkkaRayoRuntime;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dashboard's HTTP server beside one node: binds the configured host at the configured port or, when that
 * is taken (a second node on the machine, tests starting many runtimes), at the next free port above it, and
 * announces the URL it serves. Closing it unbinds.
 */
public final class DashboardServer implements AutoCloseable {
    /** How long one bind attempt may take before the start gives up. */
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(20);

    private final ServerBinding binding;
    private final String url;

    private DashboardServer(ServerBinding binding, String url) {
        this.binding = binding;
        this.url = url;
    }

    /**
     * Serves the dashboard of {@code runtime} as {@code settings} say, with the pages of classpath folder
     * {@code webFolder}. Waits for the bind (this runs on the thread that starts the runtime, never on a
     * dispatcher).
     *
     * @throws IllegalArgumentException when the settings are unsafe (a public host without a token)
     * @throws IllegalStateException    when no port from {@code settings.port()} up could be bound
     */
    public static DashboardServer start(AkkaRayoRuntime runtime, ServerSettings settings, String webFolder) {
        settings.checkSafeToServe();
        Duration ask = runtime.settings().tuning().askTimeout();
        DashboardRoutes routes = new DashboardRoutes(
                new ApiHandlers(new StateQueries(runtime.clusterState()), runtime),
                new HealthCheck(runtime),
                new RayoMetrics(runtime.clusterState(), ask.multipliedBy(4)),
                new StaticFiles(webFolder, DashboardServer.class.getClassLoader()),
                new TokenAuth(settings.token()));
        ServerBinding binding = bind(runtime.system(), settings, routes.route());
        InetSocketAddress local = binding.localAddress();
        String url = "http://" + urlHost(settings.host()) + ":" + local.getPort();
        return new DashboardServer(binding, url);
    }

    /** The URL it serves, {@code http://HOST:PORT}. */
    public String url() {
        return url;
    }

    /** The port it is bound to. */
    public int port() {
        return binding.localAddress().getPort();
    }

    @Override
    public void close() throws Exception {
        binding.terminate(Duration.ofSeconds(3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ServerBinding bind(ActorSystem<?> system, ServerSettings settings, Route route) {
        int first = settings.port();
        int attempts = first == 0 ? 1 : Math.min(ServerSettings.PORT_ATTEMPTS, 65536 - first);
        for (int i = 0; i < attempts; i++) {
            int port = first == 0 ? 0 : first + i;
            if (port != 0 && !looksFree(settings.host(), port)) {
                continue;
            }
            try {
                return Http.get(system).newServerAt(settings.host(), port).bind(route).toCompletableFuture()
                        .get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!portTaken(e.getCause())) {
                    throw new IllegalStateException("the dashboard could not bind " + settings.host() + ":" + port
                            + ": " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("the dashboard could not bind " + settings.host() + ":" + port
                        + " within " + BIND_TIMEOUT.toSeconds() + "s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding the dashboard", e);
            }
        }
        throw new IllegalStateException("the dashboard found no free port on " + settings.host() + " from " + first
                + " to " + (first + attempts - 1) + ": set rayo.dashboard.port to a free one");
    }

    /**
     * Whether {@code port} can be bound now: checked first so that a taken port is skipped quietly (Akka logs
     * a failed bind as an error with its stack trace); a port taken in between still fails the bind and is
     * skipped then.
     */
    private static boolean looksFree(String host, int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean portTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException || t instanceof StreamTcpException) {
                return true;
            }
        }
        return false;
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
