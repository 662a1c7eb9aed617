package dev.rayo.runtime.actor;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.cluster.sharding.typed.ClusterShardingSettings;
import akka.cluster.sharding.typed.ShardingEnvelope;
import akka.cluster.sharding.typed.ShardingMessageExtractor;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import dev.rayo.runtime.scheduler.NodeScheduler;
import dev.rayo.runtime.task.NodeServices;

/**
 * Registers this node as a host of both actor entity types with Cluster Sharding: one shard per actor,
 * allocated to the node its id names ({@link NodePinnedAllocation}); in-memory entities on the actor
 * dispatcher, persistent ones (which run their calls themselves) each on a pinned thread of its own.
 */
public final class ActorEntities {
    private ActorEntities() {
    }

    /** One shard per actor, so each actor is placed (and re-homed) on its own. */
    private static final class OneShardPerActor
            extends ShardingMessageExtractor<ShardingEnvelope<ActorHost.Command>, ActorHost.Command> {
        @Override
        public String entityId(ShardingEnvelope<ActorHost.Command> envelope) {
            return envelope.entityId();
        }

        @Override
        public String shardId(String entityId) {
            return NodePinnedAllocation.shardOf(entityId);
        }

        @Override
        public ActorHost.Command unwrapMessage(ShardingEnvelope<ActorHost.Command> envelope) {
            return envelope.message();
        }
    }

    /** Starts hosting in-memory ({@link ActorHost}) and persistent ({@link PersistentActorHost}) actors here. */
    public static void init(ActorSystem<?> system, ClusterSharding sharding, Address self, NodeServices services,
                            ActorRef<NodeScheduler.Command> scheduler, ActorDirectory directory, ActorTable table,
                            LocalActors localActors, ActorPlacement placement, JournalPreparer journal,
                            ActorHost.Timing timing, int checkpointEvery) {
        ClusterShardingSettings settings = ClusterShardingSettings.create(system).withNoPassivationStrategy();
        DispatcherSelector dispatcher = DispatcherSelector.fromConfig("rayo.actor-dispatcher");
        sharding.init(Entity.of(ActorHost.KEY, ctx -> ActorHost.create(ctx.getEntityId(), services, scheduler, directory,
                        table, localActors, timing))
                .withSettings(settings)
                .withMessageExtractor(new OneShardPerActor())
                .withAllocationStrategy(new NodePinnedAllocation(self, placement::canHost))
                .withEntityProps(dispatcher));
        sharding.init(Entity.of(PersistentActorHost.KEY, ctx -> {
                    journal.ensure();
                    return PersistentActorHost.create(ctx.getEntityId(), services, scheduler, checkpointEvery, ctx.getShard(),
                            directory);
                })
                .withStopMessage(new ActorHost.Stop())
                .withSettings(settings)
                .withMessageExtractor(new OneShardPerActor())
                .withAllocationStrategy(new NodePinnedAllocation(self, placement::canHost))
                .withEntityProps(DispatcherSelector.fromConfig("rayo.persistent-actor-dispatcher")));
    }
}
