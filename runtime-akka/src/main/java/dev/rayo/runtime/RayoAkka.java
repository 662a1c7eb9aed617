package dev.rayo.runtime;

import akka.actor.typed.ActorSystem;
import dev.rayo.api.RayoRuntime;

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
        // The runtime becomes the facade's as it starts, unless another one is installed already.
        return AkkaRayoRuntime.attach(system);
    }
}
