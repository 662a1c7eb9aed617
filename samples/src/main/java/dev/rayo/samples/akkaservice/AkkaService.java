package dev.rayo.samples.akkaservice;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.RayoRuntime;
import dev.rayo.api.exception.RayoException;
import dev.rayo.api.spi.CurrentRuntime;
import dev.rayo.runtime.RayoExtension;

import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The service: its own actor system (configured by {@code akka-service.conf}, the service's application.conf,
 * under an optional file such as {@code config/kubernetes/kubernetes.conf}), its own cluster, Rayo inside it
 * as {@link RayoExtension}, a Rayo {@link Multiplier} actor, the typed {@link ScaleKeeper} in front of it, and
 * Akka HTTP serving {@link ReportRoutes}. Closing it unbinds and terminates the system, whose coordinated
 * shutdown stops Rayo.
 */
public final class AkkaService implements AutoCloseable {
    /** The multiplier actor's factor. */
    public static final int FACTOR = 3;

    private final ActorSystem<Void> system;
    private final ServerBinding binding;

    private AkkaService(ActorSystem<Void> system, ServerBinding binding) {
        this.system = system;
        this.binding = binding;
    }

    /**
     * Starts the service on {@code host:port} (0 = a free port).
     *
     * @param configFile a HOCON file over the service's configuration, or null
     */
    public static AkkaService start(String host, int port, File configFile) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "rayo-service", config(configFile));
        try {
            ClusterJoin.start(system);
            RayoRuntime rayo = RayoExtension.get(system).runtime();
            if (CurrentRuntime.orNull() != rayo) {
                // Refs and actor handles reach the JVM's one installed runtime, so it must be this one.
                throw new RayoException("another Rayo runtime is running in this JVM; the service needs its own");
            }
            ActorHandle<Multiplier> multiplier = rayo.actor(Multiplier::new, FACTOR).remote();
            ActorRef<ScaleKeeper.Command> keeper = system.systemActorOf(ScaleKeeper.create(multiplier), "scale-keeper",
                    Props.empty());
            Duration timeout = system.settings().config().getDuration("rayo-service.request-timeout");
            ReportRoutes routes = new ReportRoutes(new Reports(rayo, keeper, system.scheduler(), timeout));
            ServerBinding binding = Http.get(system).newServerAt(host, port).bind(routes.route())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new AkkaService(system, binding);
        } catch (Exception e) {
            system.terminate();
            awaitTermination(system);
            throw e instanceof RuntimeException r ? r : new RayoException("the service did not start: " + e.getMessage(), e);
        }
    }

    /** The service's configuration: system properties, then {@code configFile}, then akka-service.conf, then the defaults. */
    static Config config(File configFile) {
        Config own = ConfigFactory.parseResources(AkkaService.class.getClassLoader(), "akka-service.conf");
        if (configFile != null) {
            if (!configFile.isFile()) {
                throw new IllegalArgumentException("no configuration file " + configFile);
            }
            own = ConfigFactory.parseFile(configFile).withFallback(own);
        }
        return ConfigFactory.defaultOverrides().withFallback(own).withFallback(ConfigFactory.load()).resolve();
    }

    /** The port the service listens on. */
    public int port() {
        return binding.localAddress().getPort();
    }

    /** The service's actor system. */
    public ActorSystem<Void> system() {
        return system;
    }

    /** Blocks until the service's system terminates (the command's main thread, not a dispatcher's). */
    public void awaitTermination() throws Exception {
        system.getWhenTerminated().toCompletableFuture().get();
    }

    @Override
    public void close() {
        binding.unbind();
        system.terminate();
        awaitTermination(system);
    }

    private static void awaitTermination(ActorSystem<?> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: the JVM may exit anyway.
        }
    }
}
