package dev.rayo.runtime.scheduler;

import akka.actor.typed.ActorRef;
import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.NodeInfo;

import java.util.function.Function;

/**
 * Sends a task's cancel to the scheduler of every node in the view. No node knows for sure where a task is (it
 * may be spilled from node to node, wait for inputs, sit in a lane, or be resubmitted after a node died), so the
 * cancel goes everywhere, and each node remembers it for a task that arrives later ({@code CancelledTasks}).
 * A cancel is rare; one small message per node is cheaper than tracking every task's location for it.
 */
public final class CancelBroadcast {
    private final ClusterView view;
    private final Function<String, ActorRef<NodeScheduler.Command>> schedulers;

    /** Cancels through the schedulers {@code schedulers} finds for the nodes of {@code view}. */
    public CancelBroadcast(ClusterView view, Function<String, ActorRef<NodeScheduler.Command>> schedulers) {
        this.view = view;
        this.schedulers = schedulers;
    }

    /** Tells every node's scheduler, this node's included, that {@code taskId} is cancelled. */
    public void cancel(String taskId) {
        NodeScheduler.Cancel cancel = new NodeScheduler.Cancel(taskId);
        boolean self = false;
        for (NodeInfo node : view.nodes()) {
            schedulers.apply(node.address()).tell(cancel);
            self |= node.address().equals(view.selfAddress());
        }
        if (!self) {
            schedulers.apply(view.selfAddress()).tell(cancel); // not in the view yet: still the first to know
        }
    }
}
