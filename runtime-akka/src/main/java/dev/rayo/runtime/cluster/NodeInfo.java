package dev.rayo.runtime.cluster;

import dev.rayo.runtime.wire.RayoMessage;
import dev.rayo.runtime.wire.ResourceSet;

import java.util.List;

/**
 * What one node tells the cluster about itself through Distributed Data: its resources and load, and
 * where its object store is, so that schedulers can place work and readers can tell whether an object
 * is in a store they share.
 *
 * @param address        the node's Akka address
 * @param nodeId         {@code host:port}
 * @param hostKey        identifies the machine (hostname and boot id)
 * @param storeDirectory the node's object store directory
 * @param total          resources the node offers
 * @param available      resources free now
 * @param roles          cluster roles (a driver has "driver")
 * @param load           the node's store use, owned objects and live actors
 * @param updatedMillis  when the node published this
 */
public record NodeInfo(String address, String nodeId, String hostKey, String storeDirectory, ResourceSet total,
                       ResourceSet available, List<String> roles, NodeLoad load, long updatedMillis) implements RayoMessage {

    /**
     * Counters a node reports besides its resources.
     *
     * @param storeUsedBytes     bytes in this host's object store
     * @param storeCapacityBytes the store's capacity
     * @param objectsOwned       objects owned by this node's processes
     * @param actors             actors alive on this node
     */
    public record NodeLoad(long storeUsedBytes, long storeCapacityBytes, int objectsOwned, int actors) implements RayoMessage {
        /** Nothing reported yet. */
        public static final NodeLoad NONE = new NodeLoad(0, 0, 0, 0);
    }

    /** The same node with {@code available} free. */
    public NodeInfo withAvailable(ResourceSet free) {
        return new NodeInfo(address, nodeId, hostKey, storeDirectory, total, free, roles, load, updatedMillis);
    }

    /** True when objects stored by this node are readable from {@code other}'s store without a transfer. */
    public boolean sharesStoreWith(NodeInfo other) {
        return hostKey.equals(other.hostKey) && storeDirectory.equals(other.storeDirectory);
    }
}
