package dev.rayo.api;

import dev.rayo.api.spi.ActorRequest;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An actor about to be created: set options, then {@link #remote()}. Obtained from {@code Rayo.actor(...)}.
 *
 * @param <A> the actor's class
 */
public final class ActorCreator<A> {
    private final RayoRuntime runtime;
    private final Serializable constructor;
    private final Object[] args;
    private final Map<String, Double> resources = new LinkedHashMap<>();
    private String name;
    private int maxRestarts = -1;
    private int maxTaskRetries;
    private ActorPersistence persistence = ActorPersistence.NONE;
    private ActorLifetime lifetime = ActorLifetime.NON_DETACHED;

    ActorCreator(RayoRuntime runtime, Serializable constructor, Object[] args) {
        this.runtime = runtime;
        this.constructor = constructor;
        this.args = args;
    }

    /** A cluster-wide name: {@code Rayo.getActor(name)} finds the actor from any node. */
    public ActorCreator<A> setName(String actorName) {
        this.name = actorName;
        return this;
    }

    /** Resources the actor holds for its whole life (default: none held, like Ray). */
    public ActorCreator<A> setResource(String resourceName, double amount) {
        resources.put(resourceName, amount);
        return this;
    }

    /** Holds every resource in {@code amounts}. */
    public ActorCreator<A> setResources(Map<String, Double> amounts) {
        resources.putAll(amounts);
        return this;
    }

    /** How many times the actor is re-created after its node dies (default {@code rayo.actor.max-restarts}). */
    public ActorCreator<A> setMaxRestarts(int restarts) {
        this.maxRestarts = restarts;
        return this;
    }

    /** How many times a call in flight when the actor died is retried on the restarted actor (default 0: it fails). */
    public ActorCreator<A> setMaxTaskRetries(int retries) {
        this.maxTaskRetries = retries;
        return this;
    }

    /** What survives a failure (default {@link ActorPersistence#NONE}). */
    public ActorCreator<A> setPersistence(ActorPersistence mode) {
        this.persistence = mode;
        return this;
    }

    /**
     * Whether the actor outlives its handles (default {@link ActorLifetime#NON_DETACHED}: destroyed once no
     * process holds a handle, as in Ray; a name does not keep it alive). A {@code DETACHED} actor lives until
     * it is killed. {@code JOURNAL} and {@code CHECKPOINT} actors are always detached: their state is durable
     * and may be reached again by id after every handle is gone.
     *
     * @throws IllegalArgumentException when {@code actorLifetime} is null
     */
    public ActorCreator<A> setLifetime(ActorLifetime actorLifetime) {
        if (actorLifetime == null) {
            throw new IllegalArgumentException("lifetime must not be null");
        }
        this.lifetime = actorLifetime;
        return this;
    }

    /**
     * Creates the actor and returns its handle at once; calls made on the handle queue until it is up.
     *
     * @throws dev.rayo.api.exception.RayoSerializationException when an argument can't be serialized
     */
    public ActorHandle<A> remote() {
        return runtime.createActor(new ActorRequest(constructor, args, Map.copyOf(resources), name,
                maxRestarts, maxTaskRetries, persistence, lifetime));
    }
}
