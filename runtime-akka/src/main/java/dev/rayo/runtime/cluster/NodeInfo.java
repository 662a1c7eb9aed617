package dev.rayo.runtime.cluster;

import dev.rayo.runtime.RayoMessage;
import dev.rayo.runtime.scheduler.ResourceSet;

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
 * @param updatedMillis  when the node published this
 */
public record NodeInfo(String address, String nodeId, String hostKey, String storeDirectory, ResourceSet total,
                       ResourceSet available, List<String> roles, long updatedMillis) implements RayoMessage {

    /** True when objects stored by this node are readable from {@code other}'s store without a transfer. */
    public boolean sharesStoreWith(NodeInfo other) {
        return hostKey.equals(other.hostKey) && storeDirectory.equals(other.storeDirectory);
    }
}
