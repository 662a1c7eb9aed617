package dev.rayo.runtime.actor;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.ddata.Key;
import akka.cluster.ddata.LWWMap;
import akka.cluster.ddata.LWWMapKey;
import akka.cluster.ddata.typed.javadsl.DistributedData;
import akka.cluster.ddata.typed.javadsl.Replicator;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.wire.Namespaces;
import dev.rayo.runtime.wire.RayoMessage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Named actors. Each name lives in a namespace; its map key is {@link Namespaces#key}. Names are read from
 * Akka Distributed Data (a gossiped LWW map from namespaced name to actor, on every node), so any node finds
 * them and no single node holds what the cluster can't lose; they are claimed and freed only through the
 * name's single writer, the {@link NameClaims} sharding entity, so that of two creators racing for one
 * name exactly one wins.
 */
public final class ActorDirectory {
    /** The gossiped map from {@link Namespaces#key namespaced name} to actor; written only by {@link NameClaims}. */
    static final Key<LWWMap<String, NamedActor>> KEY = LWWMapKey.create("rayo-named-actors");

    /** The directory's value: which actor a name stands for. */
    public record NamedActor(String actorId, String className, boolean persistent, int maxTaskRetries) implements RayoMessage {
    }

    private final ActorSystem<?> system;
    private final ClusterSharding sharding;
    private final Duration timeout;
    /** Majority reads and writes make a name visible from every node as soon as its creator returns. */
    private final Duration majorityTimeout;

    /**
     * The directory of {@code system}'s cluster; makes this node a host of {@link NameClaims} entities.
     *
     * @param timeout         how long one lookup or claim may take in all
     * @param majorityTimeout how long a majority read or write waits for the other nodes
     */
    public ActorDirectory(ActorSystem<?> system, Duration timeout, Duration majorityTimeout) {
        this.timeout = timeout;
        this.majorityTimeout = majorityTimeout;
        this.system = system;
        this.sharding = ClusterSharding.get(system);
        sharding.init(Entity.of(NameClaims.KEY, ctx -> NameClaims.create(ctx.getEntityId(), majorityTimeout)));
    }

    /**
     * Gives {@code name} in {@code namespace} to {@code actor}, atomically across the cluster: of any number of
     * concurrent claims of one name, from any nodes, exactly one succeeds. Returns once the name is visible to
     * lookups from every node.
     *
     * @throws IllegalArgumentException when a live actor of {@code namespace} already has {@code name} (as Ray)
     * @throws RayoException            when the name's writer did not answer in time; nothing was created
     */
    public void claim(String namespace, String name, NamedActor actor) {
        NameClaims.Reply reply;
        try {
            reply = await(AskPattern.<NameClaims.Command, NameClaims.Reply>ask(
                    sharding.entityRefFor(NameClaims.KEY, Namespaces.key(namespace, name)),
                    replyTo -> new NameClaims.Claim(actor, replyTo), timeout, system.scheduler()));
        } catch (RayoException noAnswer) {
            // The claim may still be granted after this caller gave up: free it then, as no actor will use it.
            release(namespace, name, actor.actorId());
            throw noAnswer;
        }
        if (reply instanceof NameClaims.Taken taken) {
            throw new IllegalArgumentException("an actor named '" + name + "' already exists in namespace '" + namespace
                    + "' (" + taken.holder().className() + ", " + taken.holder().actorId() + ")");
        }
        if (reply instanceof NameClaims.Unavailable unavailable) {
            throw new RayoException("could not name the actor '" + name + "': " + unavailable.reason());
        }
    }

    /** {@link #claim} in the default namespace. */
    public void register(String name, NamedActor actor) {
        claim(Namespaces.DEFAULT, name, actor);
    }

    /** {@link #release} in the default namespace. */
    public void unregisterLater(String name, String actorId) {
        release(Namespaces.DEFAULT, name, actorId);
    }

    /** {@link #lookup(String, String)} in the default namespace. */
    public Optional<NamedActor> lookup(String name) {
        return lookup(Namespaces.DEFAULT, name);
    }

    /** Frees {@code name} in {@code namespace} without waiting, if {@code actorId} still holds it; for actors that die. */
    public void release(String namespace, String name, String actorId) {
        sharding.entityRefFor(NameClaims.KEY, Namespaces.key(namespace, name)).tell(new NameClaims.Release(actorId));
    }

    /**
     * The actor named {@code name} in {@code namespace}, read from a majority of the nodes (so a name claimed
     * anywhere is seen here at once); from this node's replica when no majority answers in time.
     */
    public Optional<NamedActor> lookup(String namespace, String name) {
        Replicator.GetResponse<LWWMap<String, NamedActor>> response = get(new Replicator.ReadMajority(majorityTimeout));
        if (response instanceof Replicator.GetFailure) {
            response = get(Replicator.readLocal());
        }
        if (response instanceof Replicator.GetSuccess<LWWMap<String, NamedActor>> ok) {
            return Optional.ofNullable(ok.get(KEY).getEntries().get(Namespaces.key(namespace, name)));
        }
        return Optional.empty();
    }

    private Replicator.GetResponse<LWWMap<String, NamedActor>> get(Replicator.ReadConsistency consistency) {
        return await(AskPattern.ask(DistributedData.get(system).replicator(),
                replyTo -> new Replicator.Get<>(KEY, consistency, replyTo), timeout, system.scheduler()));
    }

    private <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RayoException("interrupted while asking the named-actor directory", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RayoException("the named-actor directory did not answer: " + e, e);
        }
    }
}
