package dev.rayo.runtime.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.ddata.Key;
import akka.cluster.ddata.LWWMap;
import akka.cluster.ddata.LWWMapKey;
import akka.cluster.ddata.SelfUniqueAddress;
import akka.cluster.ddata.typed.javadsl.DistributedData;
import akka.cluster.ddata.typed.javadsl.Replicator;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the node table in Akka Distributed Data (Ray's GCS node table, without a central server): publishes
 * this node's {@link NodeInfo} when it changes (at most every {@code publishInterval}), follows everyone
 * else's, and drops nodes that leave the cluster.
 */
public final class NodeDirectory {
    /** The gossiped node table. */
    public static final Key<LWWMap<String, NodeInfo>> KEY = LWWMapKey.create("rayo-nodes");

    /** The directory's protocol. */
    public sealed interface Command {
    }

    /** This node's latest resources and load. */
    public record Publish(NodeInfo info) implements Command {
    }

    private record Changed(Replicator.SubscribeResponse<LWWMap<String, NodeInfo>> change) implements Command {
    }

    private record MembershipChanged(ClusterEvent.ClusterDomainEvent event) implements Command {
    }

    private record Flush() implements Command {
    }

    private NodeDirectory() {
    }

    /** The directory actor of one node, feeding {@code view}. */
    public static Behavior<Command> create(ClusterView view, Duration publishInterval) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ActorRef<Replicator.Command> replicator = DistributedData.get(ctx.getSystem()).replicator();
            SelfUniqueAddress self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
            Cluster cluster = Cluster.get(ctx.getSystem());
            replicator.tell(new Replicator.Subscribe<>(KEY, ctx.messageAdapter(
                    (Class<Replicator.SubscribeResponse<LWWMap<String, NodeInfo>>>) (Class<?>) Replicator.SubscribeResponse.class,
                    Changed::new)));
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberEvent.class, MembershipChanged::new), ClusterEvent.MemberEvent.class));
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, MembershipChanged::new),
                    ClusterEvent.ReachabilityEvent.class));
            NodeInfo[] pending = new NodeInfo[1];
            LWWMap<String, NodeInfo>[] latest = new LWWMap[] {LWWMap.create()};
            timers.startTimerWithFixedDelay(new Flush(), publishInterval);
            return Behaviors.receive(Command.class)
                    .onMessage(Publish.class, p -> {
                        view.updateSelf(p.info());
                        pending[0] = p.info();
                        return Behaviors.same();
                    })
                    .onMessage(Flush.class, f -> {
                        if (pending[0] != null) {
                            NodeInfo info = pending[0];
                            pending[0] = null;
                            replicator.tell(new Replicator.Update<>(KEY, LWWMap.create(), Replicator.writeLocal(),
                                    ctx.getSystem().ignoreRef(), m -> m.put(self, info.address(), info)));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Changed.class, c -> {
                        if (c.change() instanceof Replicator.Changed<LWWMap<String, NodeInfo>> changed) {
                            latest[0] = changed.get(KEY);
                            view.replaceAll(latest[0].getEntries(), members(cluster));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(MembershipChanged.class, m -> {
                        if (m.event() instanceof ClusterEvent.MemberRemoved removed) {
                            String address = removed.member().address().toString();
                            view.remove(address);
                            replicator.tell(new Replicator.Update<>(KEY, LWWMap.create(), Replicator.writeLocal(),
                                    ctx.getSystem().ignoreRef(), map -> map.getEntries().containsKey(address)
                                            ? map.remove(self, address) : map));
                        } else {
                            view.replaceAll(latest[0].getEntries(), members(cluster));
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    /**
     * Members that can take work: up and reachable. A node that is leaving, exiting or unreachable drops
     * out of the view at once, so no scheduler spills work to it.
     */
    static Set<String> members(Cluster cluster) {
        Set<akka.cluster.Member> unreachable = cluster.state().getUnreachable();
        Set<String> out = new HashSet<>();
        for (akka.cluster.Member m : cluster.state().getMembers()) {
            boolean up = m.status() == akka.cluster.MemberStatus.up() || m.status() == akka.cluster.MemberStatus.weaklyUp();
            if (up && !unreachable.contains(m)) {
                out.add(m.address().toString());
            }
        }
        return out;
    }
}
