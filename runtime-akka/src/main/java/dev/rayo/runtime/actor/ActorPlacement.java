package dev.rayo.runtime.actor;

import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.wire.ResourceSet;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Where actors live: the node a new actor is created on, and whether a node may take over an actor whose
 * shard is being (re)allocated. Like Ray, an actor that asks for no CPU still needs one free CPU to be
 * placed (it holds none while it lives).
 */
public final class ActorPlacement {
    private static final Comparator<NodeInfo> BY_FREE_CPU = Comparator.comparingLong(n -> n.available().get(ResourceSet.CPU));
    private final ClusterView view;
    private final ActorTable table;

    /** Placement by the resources {@code view} shows, for actors recorded in {@code table}. */
    public ActorPlacement(ClusterView view, ActorTable table) {
        this.view = view;
        this.table = table;
    }

    /**
     * The node a new actor needing {@code resources} goes to: one with room for it now, preferring the most
     * free CPUs, else one big enough; this node when none is known. The choice is booked in the view, so a
     * burst of creations spreads before the nodes publish their load.
     */
    public String place(ResourceSet resources) {
        ResourceSet forPlacement = withPlacementCpu(resources);
        Optional<NodeInfo> best = view.nodes().stream().filter(n -> forPlacement.fitsIn(n.available())).max(BY_FREE_CPU)
                .or(() -> view.nodes().stream().filter(n -> forPlacement.fitsIn(n.total())).max(BY_FREE_CPU))
                .or(() -> view.nodes().stream().filter(n -> resources.fitsIn(n.total())).max(BY_FREE_CPU));
        best.ifPresent(n -> view.reserve(n.address(), forPlacement));
        return best.map(NodeInfo::address).orElse(view.selfAddress());
    }

    /** Whether the node at {@code address} offers what actor {@code actorId} needs. */
    public boolean canHost(String address, String actorId) {
        ActorTable.ActorRecord record = table.known(actorId);
        ResourceSet needs = withPlacementCpu(record == null ? ResourceSet.EMPTY : record.spec().resources());
        return view.node(address).map(n -> needs.fitsIn(n.total())).orElse(false);
    }

    private static ResourceSet withPlacementCpu(ResourceSet resources) {
        return resources.get(ResourceSet.CPU) > 0 ? resources
                : resources.plus(ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 1.0)));
    }
}
