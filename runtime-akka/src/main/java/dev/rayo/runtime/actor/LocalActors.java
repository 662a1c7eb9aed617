package dev.rayo.runtime.actor;

import akka.actor.typed.ActorRef;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The live actors of this node, by actor id, so that a caller in the same JVM can tell its call straight to
 * the entity (as Ray's callers talk to the actor's worker directly) instead of through the shard region and
 * shard, two thread hand-offs. Only for callers whose earlier calls the actor already acknowledged: a call
 * sent directly could otherwise overtake one still on its way through sharding.
 */
public final class LocalActors {
    private final ConcurrentHashMap<String, ActorRef<ActorHost.Command>> live = new ConcurrentHashMap<>();

    /** Actor {@code actorId} runs here and takes calls at {@code entity}. */
    void started(String actorId, ActorRef<ActorHost.Command> entity) {
        live.put(actorId, entity);
    }

    /** Actor {@code actorId} no longer runs here. */
    void stopped(String actorId, ActorRef<ActorHost.Command> entity) {
        live.remove(actorId, entity);
    }

    /** The entity of actor {@code actorId} when it runs on this node, else null. */
    public ActorRef<ActorHost.Command> find(String actorId) {
        return live.get(actorId);
    }
}
