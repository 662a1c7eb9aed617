package dev.rayo.runtime.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.ddata.LWWMap;
import akka.cluster.ddata.SelfUniqueAddress;
import akka.cluster.ddata.typed.javadsl.DistributedData;
import akka.cluster.ddata.typed.javadsl.Replicator;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import dev.rayo.runtime.wire.RayoMessage;

import java.time.Duration;
import java.util.function.Function;

/**
 * The single writer of one actor name (one namespace + name): a Cluster Sharding entity keyed by
 * {@code Namespaces.key(namespace, name)}, so that every claim of a name, from any node, goes through this
 * one actor, one message at a time. That is what makes a claim atomic: two creators racing for a name send
 * two {@link Claim}s to the same entity, which grants the first and answers the second {@link Taken}.
 * (Distributed Data alone can't decide this: two concurrent majority writes both succeed and merge, and a
 * read after a write may not yet see the other one, so both creators would believe they won.)
 *
 * <p>The entity keeps the holder in memory and writes it to the gossiped name map (Distributed Data,
 * majority write) before it answers {@link Claimed}, so {@code getActor} (a majority read) finds the name
 * from any node once its creator returns. The map is also the entity's memory across moves: an entity
 * started anew (its node died, or it was passivated) first reads the map from a majority of the nodes, and
 * takes claims only after that read answered, so it sees every name granted before.
 */
public final class NameClaims {
    /** The sharding entity type of actor names. */
    public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "rayo-actor-name");

    /** The entity's protocol. */
    public sealed interface Command extends RayoMessage {
    }

    /** Grant the name to {@code actor} unless another live actor holds it. */
    public record Claim(ActorDirectory.NamedActor actor, ActorRef<Reply> replyTo) implements Command {
    }

    /** Actor {@code actorId} died or was killed: the name is free again, if it still held it. */
    public record Release(String actorId) implements Command {
    }

    /** The answer to a {@link Claim}. */
    public sealed interface Reply extends RayoMessage {
    }

    /** The name is the claimant's; the gossiped map says so on a majority of the nodes (or soon will). */
    public record Claimed() implements Reply {
    }

    /** Another live actor holds the name. */
    public record Taken(ActorDirectory.NamedActor holder) implements Reply {
    }

    /** The name could not be recorded; nothing was granted. */
    public record Unavailable(String reason) implements Reply {
    }

    private record Loaded(Replicator.GetResponse<LWWMap<String, ActorDirectory.NamedActor>> response) implements Command {
    }

    private record Written(Replicator.UpdateResponse<LWWMap<String, ActorDirectory.NamedActor>> response) implements Command {
    }

    private record Reload() implements Command {
    }

    private static final int STASH = 10_000;
    /** Majority writes of a claim before it is granted on this node's write alone. */
    private static final int WRITE_ATTEMPTS = 2;

    private final String key;
    private final Duration majorityTimeout;
    private final ActorContext<Command> context;
    private final StashBuffer<Command> stash;
    private final TimerScheduler<Command> timers;
    private final SelfUniqueAddress self;
    /** One adapter per response type: an actor keeps only the latest adapter registered for a class. */
    private final ActorRef<Replicator.GetResponse<LWWMap<String, ActorDirectory.NamedActor>>> loadedAdapter;
    private final ActorRef<Replicator.UpdateResponse<LWWMap<String, ActorDirectory.NamedActor>>> writtenAdapter;
    /** The live actor holding the name, or null. */
    private ActorDirectory.NamedActor holder;

    /**
     * The behavior of the entity for directory key {@code key}; its majority reads and writes wait
     * {@code majorityTimeout} for the other nodes.
     */
    public static Behavior<Command> create(String key, Duration majorityTimeout) {
        return Behaviors.setup(ctx -> Behaviors.withStash(STASH, stash -> Behaviors.withTimers(timers ->
                new NameClaims(key, majorityTimeout, ctx, stash, timers).loading())));
    }

    private NameClaims(String key, Duration majorityTimeout, ActorContext<Command> context, StashBuffer<Command> stash,
                       TimerScheduler<Command> timers) {
        this.key = key;
        this.majorityTimeout = majorityTimeout;
        this.context = context;
        this.stash = stash;
        this.timers = timers;
        this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
        this.loadedAdapter = context.messageAdapter(getResponseClass(), Loaded::new);
        this.writtenAdapter = context.messageAdapter(updateResponseClass(), Written::new);
    }

    /** Reading who holds the name from a majority; claims and releases wait. */
    private Behavior<Command> loading() {
        read();
        return Behaviors.receive(Command.class)
                .onMessage(Loaded.class, loaded -> {
                    if (loaded.response() instanceof Replicator.GetSuccess<LWWMap<String, ActorDirectory.NamedActor>> ok) {
                        holder = ok.get(ActorDirectory.KEY).getEntries().get(key);
                    } else if (!(loaded.response() instanceof Replicator.NotFound<?>)) {
                        // No majority answered: a claim granted on other nodes might be missed; ask again.
                        timers.startSingleTimer(new Reload(), majorityTimeout);
                        return Behaviors.same();
                    }
                    return stash.unstashAll(serving());
                })
                .onMessage(Reload.class, reload -> {
                    read();
                    return Behaviors.same();
                })
                .onAnyMessage(this::stashed)
                .build();
    }

    /** Answering claims one at a time from the holder in memory. */
    private Behavior<Command> serving() {
        return Behaviors.receive(Command.class)
                .onMessage(Claim.class, claim -> {
                    if (holder != null && !holder.actorId().equals(claim.actor().actorId())) {
                        claim.replyTo().tell(new Taken(holder));
                        return Behaviors.same();
                    }
                    holder = claim.actor();
                    write(m -> m.put(self, key, claim.actor()));
                    return writing(claim);
                })
                .onMessage(Release.class, release -> {
                    if (holder == null || !holder.actorId().equals(release.actorId())) {
                        return Behaviors.same();
                    }
                    holder = null;
                    String actorId = release.actorId();
                    write(m -> {
                        ActorDirectory.NamedActor current = m.getEntries().get(key);
                        return current != null && current.actorId().equals(actorId) ? m.remove(self, key) : m;
                    });
                    return writing(null);
                })
                .onMessage(Loaded.class, late -> Behaviors.same())
                .onMessage(Reload.class, late -> Behaviors.same())
                .build();
    }

    /**
     * Waiting for the map write of {@code claim} (null for a release); everything else waits behind it, so the
     * name map is written in the order the entity decided, and each answer follows its own write.
     */
    private Behavior<Command> writing(Claim claim) {
        return writing(claim, 1);
    }

    private Behavior<Command> writing(Claim claim, int attempt) {
        return Behaviors.receive(Command.class)
                .onMessage(Written.class, written -> {
                    if (claim == null) {
                        return stash.unstashAll(serving());
                    }
                    if (written.response() instanceof Replicator.UpdateTimeout<?> && attempt < WRITE_ATTEMPTS) {
                        // Written here but not yet on a majority (nodes slow or dying): lookups elsewhere could
                        // miss it until gossip spreads it, so write it again before answering.
                        write(m -> m.put(self, key, claim.actor()));
                        return writing(claim, attempt + 1);
                    }
                    // A majority write that timed out every time is still applied here and spreads by gossip:
                    // the name is granted (this entity refuses it to others from now on either way).
                    if (written.response() instanceof Replicator.UpdateSuccess<?>
                            || written.response() instanceof Replicator.UpdateTimeout<?>) {
                        claim.replyTo().tell(new Claimed());
                    } else {
                        holder = null;
                        claim.replyTo().tell(new Unavailable("the name map could not be written: " + written.response()));
                    }
                    return stash.unstashAll(serving());
                })
                .onAnyMessage(this::stashed)
                .build();
    }

    private Behavior<Command> stashed(Command message) {
        if (stash.isFull()) {
            context.getLog().warn("name {}: dropping {}, {} messages wait already", key, message, STASH);
        } else {
            stash.stash(message);
        }
        return Behaviors.same();
    }

    private void read() {
        DistributedData.get(context.getSystem()).replicator().tell(new Replicator.Get<>(ActorDirectory.KEY,
                new Replicator.ReadMajority(majorityTimeout), loadedAdapter));
    }

    private void write(Function<LWWMap<String, ActorDirectory.NamedActor>, LWWMap<String, ActorDirectory.NamedActor>> modify) {
        DistributedData.get(context.getSystem()).replicator().tell(new Replicator.Update<>(ActorDirectory.KEY,
                LWWMap.create(), new Replicator.WriteMajority(majorityTimeout), writtenAdapter, modify));
    }

    @SuppressWarnings("unchecked")
    private static Class<Replicator.GetResponse<LWWMap<String, ActorDirectory.NamedActor>>> getResponseClass() {
        return (Class<Replicator.GetResponse<LWWMap<String, ActorDirectory.NamedActor>>>) (Class<?>) Replicator.GetResponse.class;
    }

    @SuppressWarnings("unchecked")
    private static Class<Replicator.UpdateResponse<LWWMap<String, ActorDirectory.NamedActor>>> updateResponseClass() {
        return (Class<Replicator.UpdateResponse<LWWMap<String, ActorDirectory.NamedActor>>>) (Class<?>) Replicator.UpdateResponse.class;
    }
}
