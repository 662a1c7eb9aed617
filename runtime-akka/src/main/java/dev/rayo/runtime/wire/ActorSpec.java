package dev.rayo.runtime.wire;

import dev.rayo.api.ActorLifetime;
import dev.rayo.api.ActorPersistence;

import java.util.List;

/**
 * How to build an actor, anywhere and again: kept by the entity to re-create it after failures.
 *
 * @param actorId      the entity id
 * @param className    the actor's class, for messages
 * @param name         its cluster-wide name, or null
 * @param constructor  the Kryo-encoded constructor reference or factory
 * @param args         constructor arguments
 * @param resources    what it holds while alive
 * @param maxRestarts  restarts allowed after failures
 * @param persistence  what survives a failure
 * @param ownerAddress the creating process, which counts the actor's handles
 * @param namespace    the creator's namespace: where its name lives, and the namespace its code runs in
 * @param maxConcurrency how many calls run at once, each on its own thread of the actor (1: one thread)
 * @param lifetime     whether the actor outlives its handles
 */
public record ActorSpec(String actorId, String className, String name, byte[] constructor, List<TaskArg> args,
                        ResourceSet resources, int maxRestarts, ActorPersistence persistence,
                        String ownerAddress, String namespace, int maxConcurrency, ActorLifetime lifetime)
        implements RayoMessage {

    /** A {@link ActorLifetime#NON_DETACHED} actor in the default namespace that runs one call at a time. */
    public ActorSpec(String actorId, String className, String name, byte[] constructor, List<TaskArg> args,
                     ResourceSet resources, int maxRestarts, ActorPersistence persistence, String ownerAddress) {
        this(actorId, className, name, constructor, args, resources, maxRestarts, persistence, ownerAddress,
                Namespaces.DEFAULT, 1, ActorLifetime.NON_DETACHED);
    }

    /** True when the actor is destroyed once no process holds a handle: non-detached and not persistent. */
    public boolean countsHandles() {
        return lifetime != ActorLifetime.DETACHED && persistence == ActorPersistence.NONE;
    }
}
