package dev.rayo.runtime.recovery;

import dev.rayo.runtime.actor.PendingCalls;
import dev.rayo.runtime.cluster.RecentRemovals;
import dev.rayo.runtime.ownership.OwnerEndpoint;
import dev.rayo.runtime.ownership.TaskTracker;
import dev.rayo.runtime.wire.TaskSpec;

/**
 * Where this owner's tasks and actor calls are, as schedulers and actors report it: what
 * {@link NodeFailures} reads to know which work a dead node took with it.
 */
public final class TaskPlacements implements OwnerEndpoint.Placements {
    private final TaskTracker<TaskSpec> tracker;
    private final PendingCalls pendingCalls;
    private final RecentRemovals removals;

    /** Placements recorded in {@code tracker} (tasks) and {@code pendingCalls} (actor calls). */
    public TaskPlacements(TaskTracker<TaskSpec> tracker, PendingCalls pendingCalls, RecentRemovals removals) {
        this.tracker = tracker;
        this.pendingCalls = pendingCalls;
        this.removals = removals;
    }

    @Override
    public void placed(String taskId, String nodeAddress, int hops) {
        if (removals.removedJustNow(nodeAddress)) {
            // A report that was still in the mailbox when its node's removal was handled: the task or call
            // was already taken from that node and sent on; the stale report must not pin it there.
            return;
        }
        tracker.placed(taskId, nodeAddress, hops);
        pendingCalls.accepted(taskId, nodeAddress);
    }
}
