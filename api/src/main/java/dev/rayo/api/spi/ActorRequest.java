package dev.rayo.api.spi;

import dev.rayo.api.ActorLifetime;
import dev.rayo.api.ActorPersistence;

import java.io.Serializable;
import java.util.Map;

/**
 * An actor creation as the caller built it.
 *
 * @param constructor    a serializable constructor reference or factory ({@code RayoFunc0..6})
 * @param args           constructor arguments: values or {@link dev.rayo.api.ObjectRef}s
 * @param resources      resources the actor holds for its lifetime
 * @param name           a cluster-wide name for {@code getActor}, or null
 * @param maxRestarts    restarts after failures; negative means the configured default
 * @param maxTaskRetries retries of calls in flight when the actor died; 0 means they fail
 * @param persistence    what survives a failure
 * @param maxConcurrency how many calls may run at once (1: one at a time, on one thread)
 * @param lifetime       whether the actor outlives its handles
 */
public record ActorRequest(Serializable constructor, Object[] args, Map<String, Double> resources, String name,
                           int maxRestarts, int maxTaskRetries, ActorPersistence persistence, int maxConcurrency,
                           ActorLifetime lifetime) {

    /** A request for a {@link ActorLifetime#NON_DETACHED} actor that runs one call at a time. */
    public ActorRequest(Serializable constructor, Object[] args, Map<String, Double> resources, String name,
                        int maxRestarts, int maxTaskRetries, ActorPersistence persistence) {
        this(constructor, args, resources, name, maxRestarts, maxTaskRetries, persistence, 1, ActorLifetime.NON_DETACHED);
    }
}
