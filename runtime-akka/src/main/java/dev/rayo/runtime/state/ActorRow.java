package dev.rayo.runtime.state;

/**
 * One actor, from the cluster's replicated actor table.
 *
 * @param actorId   the actor id
 * @param className its class
 * @param name      its name ({@code setName}), else empty
 * @param state     {@code ALIVE}, {@code PENDING_CREATION}, {@code RESTARTING} (its node left) or {@code DEAD}
 * @param node      the node hosting it, else empty
 * @param restarts  how often it restarted
 * @param namespace the namespace of its name
 * @param owner     the node that created it
 */
public record ActorRow(String actorId, String className, String name, String state, String node, int restarts,
                       String namespace, String owner) {
}
