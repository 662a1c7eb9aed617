package dev.rayo.runtime.cluster;

import akka.actor.typed.ActorSystem;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;

/**
 * Questions about who is in the cluster, answered from Akka's membership (for "is it still a member,
 * possibly unreachable") or from this node's gossiped view (for "is it reachable and serving").
 */
public final class Membership {
    private final Cluster cluster;
    private final ClusterView view;

    /** Membership of {@code system}'s cluster, with {@code view} for reachability. */
    public Membership(ActorSystem<?> system, ClusterView view) {
        this.cluster = Cluster.get(system);
        this.view = view;
    }

    /** Whether {@code address} is a member (up, joining, leaving or unreachable, but not yet removed). */
    public boolean isMember(String address) {
        for (Member m : cluster.state().getMembers()) {
            if (m.address().toString().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code address} is this node or a node the view shows as reachable. */
    public boolean isReachableMember(String address) {
        return address.equals(view.selfAddress()) || view.node(address).isPresent();
    }
}
