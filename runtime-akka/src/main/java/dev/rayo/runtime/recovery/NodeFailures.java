package dev.rayo.runtime.recovery;

import dev.rayo.runtime.actor.ActorSubmitter;
import dev.rayo.runtime.actor.ActorTable;
import dev.rayo.runtime.actor.PendingCalls;
import dev.rayo.runtime.cluster.RecentRemovals;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.OwnerClient;
import dev.rayo.runtime.ownership.TaskTracker;
import dev.rayo.runtime.task.TaskSubmitter;
import dev.rayo.runtime.values.ValueStore;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.Lineage;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What this process does, as an owner and a caller, when another node dies or leaves (Ray's lineage
 * reconstruction and task retries): waits on it fail, tasks it held run again elsewhere, objects it held are
 * served from this host's store when a copy is here and otherwise made again from lineage when next needed,
 * calls its actors accepted fail or are sent again, unacknowledged calls are resent, and objects this node
 * stored for it (as their owner) are freed.
 */
public final class NodeFailures implements ObjectTable.Reconstructor {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFailures.class);

    /** What recovery works with; built by the node's composition root. */
    public record Parts(String selfAddress, String nodeId, ObjectTable objects, TaskTracker<TaskSpec> tracker,
                        TaskSubmitter tasks, PendingCalls pendingCalls, ActorSubmitter actors, ActorTable actorTable,
                        OwnerClient owners, ValueStore values, Predicate<String> inHostStore,
                        Consumer<String> deleteEverywhere, RecentRemovals removals) {
    }

    private final Parts p;
    private final AtomicLong reexecuted = new AtomicLong();

    /** Recovery over {@code parts}. */
    public NodeFailures(Parts parts) {
        this.p = parts;
    }

    /** The node at {@code address} was removed from the cluster. */
    public void nodeRemoved(String address) {
        if (address.equals(p.selfAddress())) {
            return;
        }
        p.removals().removed(address);
        p.owners().ownerRemoved(address);
        for (TaskSpec lost : p.tracker().takeTasksOn(address)) {
            retryOrFail(lost, address);
        }
        for (String id : p.objects().storedOn(address)) {
            if (p.inHostStore().test(id)) {
                p.objects().adopt(id, address);
            } else {
                p.objects().markLost(id, address, lostValue(id, address));
            }
        }
        failOrResendCallsOn(address);
        // Calls no actor acknowledged may have gone into the dead node's shard region: send them again once
        // the coordinator has moved its shards (their actors drop copies of calls they already have).
        p.actors().sendLater(() -> p.actors().resend(p.pendingCalls().unacknowledged()));
        // Through the transfer endpoint, which also frees the copies that other hosts pulled from here.
        p.values().forgetOwner(address).forEach(p.deleteEverywhere());
    }

    private void failOrResendCallsOn(String address) {
        for (PendingCalls.Pending call : p.pendingCalls().takeCallsOn(address)) {
            LOG.debug("actor call {} to {} was in flight on removed node {} (accepted: {}, retries left: {})",
                    call.callId(), call.actorId(), address, call.accepted(), call.retriesLeft());
            if (call.retriesLeft() > 0) {
                // Asked for with setMaxTaskRetries: the call goes again, to the actor re-created elsewhere.
                p.pendingCalls().track(new PendingCalls.Pending(call.callId(), call.actorId(), "", call.returnIds(),
                        call.retriesLeft() - 1, call.resend(), call.cancel()), p.objects().futuresOf(call.returnIds()));
                // After the sharding coordinator has moved the dead node's shards; sent at once, the call could
                // still go to the dead region that the local shard region remembers.
                p.actors().sendLater(call.resend());
                continue;
            }
            call.cancel().run();
            StoredValue failed = new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.ACTOR, "actor call", p.nodeId(),
                    "actor " + call.actorId() + " died with node " + address + " while this call was in flight"));
            call.returnIds().forEach(id -> p.objects().complete(id, failed));
        }
    }

    @Override
    public void reconstruct(String objectId, String deadNode) {
        reconstruct(objectId, deadNode, new HashSet<>());
    }

    /** Makes object {@code objectId} again by re-running its task (once per task, whatever it returns). */
    private void reconstruct(String objectId, String deadNode, Set<String> remade) {
        StoredValue lostValue = lostValue(objectId, deadNode);
        Lineage lineage = p.objects().resetForReconstruction(objectId, lostValue);
        if (lineage instanceof TaskSpec spec && remade.add(spec.taskId())) {
            for (String other : spec.returnIds()) {
                if (!other.equals(objectId)) {
                    p.objects().resetForReconstruction(other, lostValue);
                }
            }
            retryOrFail(spec, deadNode);
        }
    }

    private void retryOrFail(TaskSpec lost, String deadNode) {
        if (lost.mayRetry()) {
            reexecuted.incrementAndGet();
            p.tasks().submit(lost.nextAttempt());
        } else {
            StoredValue failed = new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.SYSTEM, lost.name(), p.nodeId(),
                    "task " + lost.name() + " was lost with node " + deadNode + " after " + (lost.attempt() + 1)
                            + " attempt(s) (maxRetries=" + lost.maxRetries() + ")"));
            lost.returnIds().forEach(id -> p.objects().complete(id, failed));
        }
    }

    private StoredValue lostValue(String objectId, String deadNode) {
        return new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "get", p.nodeId(),
                "object " + objectId + " is lost: its only copy was on node " + deadNode
                        + " and it has no lineage to rebuild it (it was made by put, or its lineage was released"
                        + " past rayo.lineage.max-entries)"));
    }

    /** How many tasks this owner ran again because a node died (retries and lineage reconstruction). */
    public long reexecutedTasks() {
        return reexecuted.get();
    }
}
