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

    /** A strategy run by the coordinator on the node at {@code selfAddress}. */
    public NodePinnedAllocation(Address selfAddress) {
        this.selfAddress = selfAddress;
    }

    /** The shard of an entity id of the form {@code <node address>~<random>}. */
    public static String shardOf(String entityId) {
        int cut = entityId.lastIndexOf('~');
        return cut < 0 ? "unplaced" : entityId.substring(0, cut);
    }

    /** The entity id of a new actor placed on {@code nodeAddress}. */
    public static String entityId(String nodeAddress, String randomId) {
        return nodeAddress + "~" + randomId;
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> current) {
        for (ActorRef region : current.keySet()) {
            if (addressOf(region).toString().equals(shardId)) {
                return Future.successful(region);
            }
        }
        ActorRef fewest = current.entrySet().stream()
                .min(Comparator.comparingInt((Map.Entry<ActorRef, IndexedSeq<String>> e) -> e.getValue().size()))
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
