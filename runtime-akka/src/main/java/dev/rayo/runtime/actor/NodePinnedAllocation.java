package dev.rayo.runtime.actor;

import akka.actor.ActorRef;
import akka.actor.Address;
import akka.cluster.sharding.ShardCoordinator;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * Puts each actor's shard on the node its creator chose for it (the shard id is that node's address), so
 * an actor lands where its resources are. When that node is gone, the shard goes to the region holding
 * the fewest shards. Shards are never rebalanced: moving an actor would lose its in-memory state.
 */
public final class NodePinnedAllocation extends ShardCoordinator.AbstractShardAllocationStrategy {
    private final Address selfAddress;
    private final java.util.function.BiPredicate<String, String> canHost;

    /**
     * A strategy run by the coordinator on the node at {@code selfAddress}; when an actor's node is gone,
     * its shard moves to a node for which {@code canHost(nodeAddress, actorId)} holds (one offering the
     * actor's resources), if any.
     */
    public NodePinnedAllocation(Address selfAddress, java.util.function.BiPredicate<String, String> canHost) {
        this.selfAddress = selfAddress;
        this.canHost = canHost;
    }

    /**
     * The shard of an entity: the entity itself, so that each actor can be placed (and re-placed after a
     * failure) on its own, according to its resources.
     */
    public static String shardOf(String entityId) {
        return entityId;
    }

    /** The node an actor was first placed on: the address before the {@code ~} of its id. */
    public static String nodeOf(String entityId) {
        int cut = entityId.lastIndexOf('~');
        return cut < 0 ? "" : entityId.substring(0, cut);
    }

    /** The entity id of a new actor placed on {@code nodeAddress}. */
    public static String entityId(String nodeAddress, String randomId) {
        return nodeAddress + "~" + randomId;
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> current) {
        String home = nodeOf(shardId);
        for (ActorRef region : current.keySet()) {
            if (addressOf(region).toString().equals(home)) {
                return Future.successful(region);
            }
        }
        Comparator<Map.Entry<ActorRef, IndexedSeq<String>>> fewestShards =
                Comparator.comparingInt((Map.Entry<ActorRef, IndexedSeq<String>> e) -> e.getValue().size());
        ActorRef fewest = current.entrySet().stream()
                .filter(e -> canHost.test(addressOf(e.getKey()).toString(), shardId))
                .min(fewestShards)
                .or(() -> current.entrySet().stream().min(fewestShards))
                .map(Map.Entry::getKey).orElse(requester);
        return Future.successful(fewest);
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
        return Future.successful(Set.of());
    }

    private Address addressOf(ActorRef region) {
        Address a = region.path().address();
        return a.hasLocalScope() ? selfAddress : a;
    }
}
