package dev.rayo.runtime.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.cluster.ddata.Key;
import akka.cluster.ddata.LWWMap;
import akka.cluster.ddata.LWWMapKey;
import akka.cluster.ddata.SelfUniqueAddress;
import akka.cluster.ddata.typed.javadsl.DistributedData;
import akka.cluster.ddata.typed.javadsl.Replicator;
import dev.rayo.runtime.wire.ActorSpec;
import dev.rayo.runtime.wire.RayoMessage;

import java.time.Duration;

/**
 * Ray's actor table, in Distributed Data: how to build each actor, how often it was restarted and whether
 * it was killed. An actor whose node died is re-created from here on whichever node its shard moves to.
 */
public final class ActorTable {
    /** The gossiped actor table. */
    public static final Key<LWWMap<String, ActorRecord>> KEY = LWWMapKey.create("rayo-actors");

    /**
     * One actor.
     *
     * @param spec     how to build it
     * @param restarts how often it was re-created after a failure
     * @param killed   whether it was killed on purpose (never restarted)
     * @param host     the address of the node it lives on now ("" until it is up)
     */
    public record ActorRecord(ActorSpec spec, int restarts, boolean killed, String host) implements RayoMessage {
    }

    private final ActorSystem<?> system;
    private final SelfUniqueAddress self;
    private final java.util.concurrent.ConcurrentHashMap<String, ActorRecord> mirror = new java.util.concurrent.ConcurrentHashMap<>();

    /** How long a majority read or write of the table waits for the other nodes. */
    private final Duration majorityTimeout;

    /** The table of {@code system}'s cluster, mirrored in memory for the shard allocation strategy. */
    public ActorTable(ActorSystem<?> system, Duration majorityTimeout) {
        this.majorityTimeout = majorityTimeout;
        this.system = system;
        this.self = DistributedData.get(system).selfUniqueAddress();
        system.systemActorOf(akka.actor.typed.javadsl.Behaviors.<Replicator.SubscribeResponse<LWWMap<String, ActorRecord>>>setup(ctx -> {
            DistributedData.get(ctx.getSystem()).replicator().tell(new Replicator.Subscribe<>(KEY, ctx.getSelf()));
            return akka.actor.typed.javadsl.Behaviors.receiveMessage(change -> {
                if (change instanceof Replicator.Changed<LWWMap<String, ActorRecord>> c) {
                    java.util.Map<String, ActorRecord> entries = c.get(KEY).getEntries();
                    mirror.keySet().retainAll(entries.keySet());
                    mirror.putAll(entries);
                }
                return akka.actor.typed.javadsl.Behaviors.same();
            });
        }), "rayo-actor-table", akka.actor.typed.Props.empty());
    }

    /** Every actor as this node last heard of it (the dashboard's actor list). */
    public java.util.Collection<ActorRecord> all() {
        return java.util.List.copyOf(mirror.values());
    }

    /** The actor as this node last heard of it, or null. */
    public ActorRecord known(String actorId) {
        return mirror.get(actorId);
    }

    /**
     * Records a new actor. Writes go to a majority of the nodes at once (without waiting for their answer),
     * so a majority read after a failure sees them, whichever node dies.
     */
    public void record(ActorSpec spec) {
        mirror.put(spec.actorId(), new ActorRecord(spec, 0, false, ""));
        update(spec.actorId(), m -> m.put(self, spec.actorId(), new ActorRecord(spec, 0, false, "")));
    }

    /** Marks an actor killed, so it is never re-created. */
    public void markKilled(String actorId) {
        update(actorId, m -> {
            ActorRecord r = m.getEntries().get(actorId);
            return r == null ? m : m.put(self, actorId, new ActorRecord(r.spec(), r.restarts(), true, r.host()));
        });
    }

    /** Counts one more restart. */
    public void countRestart(ActorRecord record) {
        String id = record.spec().actorId();
        update(id, m -> m.put(self, id, new ActorRecord(record.spec(), record.restarts() + 1, record.killed(), record.host())));
    }

    /** Counts one more restart of {@code actorId}, over the table's current record (a restart after a kill). */
    public void countRestart(String actorId) {
        ActorRecord mine = mirror.get(actorId);
        if (mine != null) {
            mirror.put(actorId, new ActorRecord(mine.spec(), mine.restarts() + 1, mine.killed(), mine.host()));
        }
        update(actorId, m -> {
            ActorRecord r = m.getEntries().get(actorId);
            return r == null ? m : m.put(self, actorId, new ActorRecord(r.spec(), r.restarts() + 1, r.killed(), r.host()));
        });
    }

    /**
     * Records that the actor {@code spec} now lives on this node, so callers can fail its calls if this node
     * dies. The creator's record may not have reached this node's replica yet (it writes to a majority, and
     * sends the create without waiting): then this write carries the whole record, and being the later write
     * it wins the merge with the creator's.
     */
    public void hostedHere(ActorSpec spec) {
        String here = self.uniqueAddress().address().toString();
        String actorId = spec.actorId();
        update(actorId, m -> {
            ActorRecord r = m.getEntries().get(actorId);
            return m.put(self, actorId, r == null ? new ActorRecord(spec, 0, false, here)
                    : new ActorRecord(r.spec(), r.restarts(), r.killed(), here));
        });
    }

    /** Asks for the table, from a majority of nodes or from this node's copy; the reply goes to {@code replyTo}. */
    public void read(ActorRef<Replicator.GetResponse<LWWMap<String, ActorRecord>>> replyTo, boolean fromMajority) {
        Replicator.ReadConsistency consistency = fromMajority ? new Replicator.ReadMajority(majorityTimeout) : Replicator.readLocal();
        DistributedData.get(system).replicator().tell(new Replicator.Get<>(KEY, consistency, replyTo));
    }

    private void update(String actorId, java.util.function.Function<LWWMap<String, ActorRecord>, LWWMap<String, ActorRecord>> modify) {
        DistributedData.get(system).replicator().tell(new Replicator.Update<>(KEY, LWWMap.create(),
                new Replicator.WriteMajority(majorityTimeout), system.ignoreRef(), modify));
    }
}
