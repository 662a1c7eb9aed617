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
    private int maxConcurrency = 1;
    private ActorLifetime lifetime = ActorLifetime.NON_DETACHED;

    ActorCreator(RayoRuntime runtime, Serializable constructor, Object[] args) {
        this.runtime = runtime;
        this.constructor = constructor;
        this.args = args;
    }

    /**
     * A name in the caller's namespace ({@code RayoConfig.namespace}): {@code Rayo.getActor(name)} finds the
     * actor from any node. Names are unique within a namespace: {@link #remote()} of a second actor with a
     * taken name throws {@link IllegalArgumentException}, and of concurrent creators of one name exactly one wins.
     */
    public ActorCreator<A> setName(String actorName) {
        this.name = actorName;
        return this;
    }

    /** Resources the actor holds for its whole life (default: none held, like Ray). */
    public ActorCreator<A> setResource(String resourceName, double amount) {
        ResourceAmounts.checkName(resourceName);
        resources.put(resourceName, amount);
        return this;
    }

    /**
     * {@link #setResource(String, double)} for a boxed amount (Ray's signature).
     *
     * @throws IllegalArgumentException naming the resource when {@code amount} is null
     */
    public ActorCreator<A> setResource(String resourceName, Double amount) {
        return setResource(resourceName, ResourceAmounts.checked(resourceName, amount));
    }

    /** Holds every resource in {@code amounts}. */
    public ActorCreator<A> setResources(Map<String, Double> amounts) {
        ResourceAmounts.checkAll(amounts);
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
     * How many calls may run at once (Ray's {@code max_concurrency}; default 1). With 1, calls run one at a time,
     * all on the actor's own thread, so {@code ThreadLocal}s and thread-confined libraries work between calls.
     * With n &gt; 1 the actor is threaded: up to n calls run at once on n threads, in no guaranteed order, and
     * the actor's code must be thread-safe.
     *
     * @throws IllegalArgumentException when {@code n} is less than 1
     */
    public ActorCreator<A> setMaxConcurrency(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + n);
        }
        this.maxConcurrency = n;
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
     * @throws IllegalArgumentException when a live actor of the caller's namespace already has its name
     */
    public ActorHandle<A> remote() {
        return runtime.createActor(new ActorRequest(constructor, args, Map.copyOf(resources), name,
                maxRestarts, maxTaskRetries, persistence, maxConcurrency, lifetime));
    }
}
