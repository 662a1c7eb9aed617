package dev.rayo.runtime.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's current picture of the cluster's nodes, fed by Distributed Data gossip and by membership
 * events. Read without locks by the scheduler and the object readers; eventually consistent by design.
 */
public final class ClusterView {
    private final ConcurrentHashMap<String, NodeInfo> nodes = new ConcurrentHashMap<>();
    private final String selfAddress;

    /** A view held by the node at {@code selfAddress}. */
    public ClusterView(String selfAddress) {
        this.selfAddress = selfAddress;
    }

    /** This node's address. */
    public String selfAddress() {
        return selfAddress;
    }

    /** Every known node, this one included. */
    public Collection<NodeInfo> nodes() {
        return nodes.values();
    }

    /** The node at {@code address}, if known. */
    public Optional<NodeInfo> node(String address) {
        return Optional.ofNullable(nodes.get(address));
    }

    /** Replaces the entries with what gossip says now, keeping only live members. */
    void replaceAll(Map<String, NodeInfo> latest, java.util.Set<String> members) {
        // This node's own entry is kept from its last local report, which is never older than gossip.
        nodes.keySet().removeIf(a -> !a.equals(selfAddress) && (!latest.containsKey(a) || !members.contains(a)));
        latest.forEach((address, info) -> {
            if (members.contains(address) && !address.equals(selfAddress)) {
                nodes.put(address, info);
            }
        });
    }

    /** Records this node's own latest info at once, without waiting for gossip. */
    void updateSelf(NodeInfo self) {
        nodes.put(self.address(), self);
    }

    /** Forgets a node that left or was removed. */
    void remove(String address) {
        nodes.remove(address);
    }

    /** Notes work just sent to {@code address}, until that node's next report. */
    public void reserve(String address, dev.rayo.runtime.wire.ResourceSet request) {
        nodes.computeIfPresent(address, (a, info) -> info.withAvailable(info.available().minus(request)));
    }
}
