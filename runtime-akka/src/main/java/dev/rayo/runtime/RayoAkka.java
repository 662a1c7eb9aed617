package dev.rayo.runtime;

import akka.actor.typed.ActorSystem;
import dev.rayo.api.RayoRuntime;
import dev.rayo.api.spi.CurrentRuntime;

/**
 * Embeds Rayo in an Akka application: the runtime runs inside the application's own actor system and
 * cluster (which must use {@code akka.actor.provider = cluster}), and becomes the runtime behind the
 * static facade {@code Rayo} when none is installed.
 */
public final class RayoAkka {
    private RayoAkka() {
    }

    /** Starts Rayo inside {@code system}; {@code shutdown()} of the runtime leaves the system running. */
    public static RayoRuntime attach(ActorSystem<?> system) {
        AkkaRayoRuntime runtime = AkkaRayoRuntime.attach(system);
        if (CurrentRuntime.orNull() == null) {
            CurrentRuntime.install(runtime);
        }
        return runtime;
    }
}
