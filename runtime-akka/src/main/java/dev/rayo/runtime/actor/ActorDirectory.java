package dev.rayo.runtime.actor;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.ddata.Key;
import akka.cluster.ddata.LWWMap;
import akka.cluster.ddata.LWWMapKey;
import akka.cluster.ddata.SelfUniqueAddress;
import akka.cluster.ddata.typed.javadsl.DistributedData;
import akka.cluster.ddata.typed.javadsl.Replicator;
import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.wire.RayoMessage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Named actors, kept in Akka Distributed Data (a gossiped LWW map from name to actor) instead of a central
 * table, so any node can find them and no single node holds what the cluster can't lose.
 */
public final class ActorDirectory {
    private static final Key<LWWMap<String, NamedActor>> KEY = LWWMapKey.create("rayo-named-actors");

    /** The directory's value: which actor a name stands for. */
    public record NamedActor(String actorId, String className, boolean persistent, int maxTaskRetries) implements RayoMessage {
    }

    private final ActorSystem<?> system;
    private final SelfUniqueAddress self;
    private final Duration timeout;
    /** Majority reads and writes make a name visible from every node as soon as its creator returns. */
    private final Duration majorityTimeout;

    /**
     * The directory of {@code system}'s cluster.
     *
     * @param timeout         how long one read or write of the directory may take in all
     * @param majorityTimeout how long a majority read or write waits for the other nodes
     */
    public ActorDirectory(ActorSystem<?> system, Duration timeout, Duration majorityTimeout) {
        this.timeout = timeout;
        this.majorityTimeout = majorityTimeout;
        this.system = system;
        this.self = DistributedData.get(system).selfUniqueAddress();
    }

    /** Registers {@code name}; fails when a live actor already has it. */
    public void register(String name, NamedActor actor) {
        if (lookup(name).isPresent()) {
            throw new RayoException("an actor named '" + name + "' already exists");
        }
        update(m -> m.put(self, name, actor));
    }

    /** Forgets {@code name} without waiting, if it still stands for {@code actorId}; for entities that die. */
    public void unregisterLater(String name, String actorId) {
        DistributedData.get(system).replicator().tell(new Replicator.Update<>(KEY, LWWMap.create(),
                Replicator.writeLocal(), system.ignoreRef(), m -> {
                    NamedActor current = m.getEntries().get(name);
                    return current != null && current.actorId().equals(actorId) ? m.remove(self, name) : m;
                }));
    }

    /**
     * The actor named {@code name}, read from a majority of the nodes (so a name registered anywhere is
     * seen here at once); from this node's replica when no majority answers in time.
     */
    public Optional<NamedActor> lookup(String name) {
        Replicator.GetResponse<LWWMap<String, NamedActor>> response = get(new Replicator.ReadMajority(majorityTimeout));
        if (response instanceof Replicator.GetFailure) {
            response = get(Replicator.readLocal());
        }
        if (response instanceof Replicator.GetSuccess<LWWMap<String, NamedActor>> ok) {
            return Optional.ofNullable(ok.get(KEY).getEntries().get(name));
        }
        return Optional.empty();
    }

    private Replicator.GetResponse<LWWMap<String, NamedActor>> get(Replicator.ReadConsistency consistency) {
        return await(AskPattern.ask(DistributedData.get(system).replicator(),
                replyTo -> new Replicator.Get<>(KEY, consistency, replyTo), timeout, system.scheduler()));
    }

    private void update(java.util.function.Function<LWWMap<String, NamedActor>, LWWMap<String, NamedActor>> modify) {
        Replicator.UpdateResponse<LWWMap<String, NamedActor>> response = await(AskPattern.ask(
                DistributedData.get(system).replicator(),
                replyTo -> new Replicator.Update<>(KEY, LWWMap.create(), new Replicator.WriteMajority(majorityTimeout),
                        replyTo, modify),
                timeout, system.scheduler()));
        // A timeout still applied the update locally; gossip spreads it to the nodes that did not answer.
        if (!(response instanceof Replicator.UpdateSuccess) && !(response instanceof Replicator.UpdateTimeout)) {
            throw new RayoException("could not update the named-actor directory: " + response);
        }
    }

    private <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RayoException("interrupted while reading the named-actor directory", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RayoException("the named-actor directory did not answer: " + e, e);
        }
    }
}
