package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.wire.ResourceSet;
import akka.actor.typed.ActorRef;
import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.NodeDirectory;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.ownership.ObjectResolver;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Bottom-up placement, as in the Ray paper, with locality first: a task goes to the node that already holds
 * most of its large inputs when that node has room for it now (moving the task is cheaper than moving the
 * data); otherwise this node keeps it when it can run it now, and else spills it to a node chosen from the
 * gossiped resource view, the one with room and the most free CPUs, else any that could ever hold it. It
 * also publishes this node's load.
 */
public final class ClusterPlacement {
    private final ClusterView view;
    private final NodeInfo self;
    private final ActorRef<NodeDirectory.Command> directory;
    private final Function<String, ActorRef<NodeScheduler.Command>> schedulers;
    private final ObjectResolver resolver;
    private final java.util.function.Supplier<NodeInfo.NodeLoad> load;

    /**
     * @param view       the gossiped node table
     * @param self       this node's static description (its resources are refreshed on publish)
     * @param directory  where this node's load is published
     * @param schedulers the scheduler of a node, by address
     * @param resolver   tells where inputs already are
     * @param load       this node's store use, objects and actors, reported with its resources
     */
    public ClusterPlacement(ClusterView view, NodeInfo self, ActorRef<NodeDirectory.Command> directory,
                            Function<String, ActorRef<NodeScheduler.Command>> schedulers, ObjectResolver resolver,
                            java.util.function.Supplier<NodeInfo.NodeLoad> load) {
        this.load = load;
        this.view = view;
        this.self = self;
        this.directory = directory;
        this.schedulers = schedulers;
        this.resolver = resolver;
    }

    /** This node's address. */
    public String selfAddress() {
        return self.address();
    }

    /** Publishes this node's current load. */
    public void publish(ResourcePool pool) {
        directory.tell(new NodeDirectory.Publish(new NodeInfo(self.address(), self.nodeId(), self.hostKey(),
                self.storeDirectory(), pool.total(), pool.available(), self.roles(), load.get(), System.currentTimeMillis())));
    }

    /**
     * Where {@code spec} should run: null for this node (run or queue here, or fail as infeasible here when
     * no node can take it), else the address of the node to spill it to.
     */
    public String choose(TaskSpec spec, boolean feasibleHere, boolean roomHere) {
        ResourceSet request = spec.resources();
        Map<String, Long> inputBytes = inputBytesByNode(spec);
        if (!inputBytes.isEmpty()) {
            String holder = inputBytes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
            if (holder.equals(self.address())) {
                if (feasibleHere && roomHere) {
                    return null;
                }
            } else {
                NodeInfo node = view.node(holder).orElse(null);
                if (node != null && request.fitsIn(node.available())) {
                    return reserve(holder, request);
                }
            }
        }
        if (feasibleHere && roomHere) {
            return null;
        }
        // One pass over the other nodes (this runs for every task that can't start here at once): the one
        // with room and the most free CPUs, else any that could ever take it, again by free CPUs.
        NodeInfo withRoom = null;
        NodeInfo feasible = null;
        for (NodeInfo n : view.nodes()) {
            if (n.address().equals(self.address()) || !request.fitsIn(n.total())) {
                continue;
            }
            long freeCpu = n.available().get(ResourceSet.CPU);
            if (request.fitsIn(n.available()) && (withRoom == null || freeCpu > withRoom.available().get(ResourceSet.CPU))) {
                withRoom = n;
            }
            if (feasible == null || freeCpu > feasible.available().get(ResourceSet.CPU)) {
                feasible = n;
            }
        }
        if (withRoom != null) {
            return reserve(withRoom.address(), request);
        }
        if (feasibleHere || feasible == null) {
            return null;
        }
        return reserve(feasible.address(), request);
    }

    /** Sends a task on to another node's scheduler. */
    public void forward(String address, NodeScheduler.Submit submit) {
        schedulers.apply(address).tell(submit);
    }

    /** Sends tasks on to another node's scheduler: one message for all of them. */
    public void forwardAll(String address, java.util.List<NodeScheduler.Submit> submits) {
        ActorRef<NodeScheduler.Command> target = schedulers.apply(address);
        target.tell(submits.size() == 1 ? submits.get(0) : new NodeScheduler.SubmitBatch(submits));
    }

    /** True when some node of the cluster could ever satisfy {@code request}. */
    public boolean anyFeasible(ResourceSet request) {
        return view.nodes().stream().anyMatch(n -> request.fitsIn(n.total()));
    }

    /** Every node's total resources, for error messages. */
    public String describeTotals() {
        return view.nodes().stream().map(n -> n.nodeId() + "=" + n.total()).collect(Collectors.joining(", ", "[", "]"));
    }

    private String reserve(String address, ResourceSet request) {
        view.reserve(address, request);
        return address;
    }

    private Map<String, Long> inputBytesByNode(TaskSpec spec) {
        Map<String, Long> bytes = null;
        for (TaskArg arg : spec.args()) {
            if (arg instanceof TaskArg.Ref ref && resolver.peek(ref.ref()) instanceof StoredValue.InStore in) {
                if (bytes == null) {
                    bytes = new HashMap<>();
                }
                bytes.merge(in.nodeAddress(), in.sizeBytes(), Long::sum);
            }
        }
        return bytes == null ? Map.of() : bytes;
    }
}
