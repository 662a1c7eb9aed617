package dev.rayo.runtime.ownership;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import dev.rayo.api.ObjectRef;
import dev.rayo.runtime.cluster.Membership;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.StoredValue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * This process as a client of objects' owners: finds where a ref's value is (in its own table when it owns
 * the ref, else by asking the owner's {@link OwnerEndpoint}), and delivers task results and placements to
 * the owner, locally or by message, and registers this process as a borrower of what others own. The
 * scheduler, task runners and actor hosts reach the owners only through it (as {@link ObjectResolver} and
 * {@link ResultSink}); the {@link ReferenceCounter} as its {@link ReferenceCounter.OwnerLink}.
 */
public final class OwnerClient implements ObjectResolver, ResultSink, ReferenceCounter.OwnerLink {
    private final ActorSystem<?> system;
    private final ActorRefResolver refs;
    private final String selfAddress;
    private final String nodeId;
    private final ObjectTable objects;
    private final Membership membership;
    private final Duration fetchTimeout;
    private final OwnerEndpoint.Placements placements;
    private final PendingFetches<StoredValue> pendingFetches = new PendingFetches<>();
    private final ResultOutbox outbox;
    /**
     * How long a batch of results waits for its owner's acknowledgement before the next batch leaves anyway:
     * acknowledgements only pace the batches (results are never sent twice), so a lost one must cost little.
     */
    private static final Duration RESULT_ACK_TIMEOUT = Duration.ofSeconds(1);

    /**
     * A client for the owner {@code objects} of this process.
     *
     * @param fetchTimeout how long one ask to an owner waits before it is asked again
     * @param placements   where this process learns that its own tasks and calls were placed
     */
    public OwnerClient(ActorSystem<?> system, String nodeId, ObjectTable objects, Membership membership,
                       Duration fetchTimeout, OwnerEndpoint.Placements placements) {
        this.system = system;
        this.refs = ActorRefResolver.get(system);
        this.selfAddress = objects.ownerAddress();
        this.nodeId = nodeId;
        this.objects = objects;
        this.membership = membership;
        this.fetchTimeout = fetchTimeout;
        this.placements = placements;
        this.outbox = new ResultOutbox(selfAddress, system.executionContext(), this::ownerEndpoint,
                (delay, task) -> system.scheduler().scheduleOnce(delay, task, system.executionContext()), RESULT_ACK_TIMEOUT);
        objects.counter().linkWith(this);
    }

    @Override
    public CompletableFuture<StoredValue> resolve(ObjectRef<?> objectRef) {
        RayoObjectRef<?> ref = (RayoObjectRef<?>) objectRef;
        if (ref.ownerAddress().equals(selfAddress)) {
            CompletableFuture<StoredValue> f = objects.demand(ref.id());
            return f != null ? f : CompletableFuture.completedFuture(OwnerEndpoint.lost(ref.id(), nodeId));
        }
        if (!membership.isMember(ref.ownerAddress())) {
            return CompletableFuture.completedFuture(OwnerEndpoint.lost(ref.id(), ref.ownerAddress()));
        }
        CompletableFuture<StoredValue> result = pendingFetches.watch(ref.ownerAddress(), new CompletableFuture<>());
        askOwner(ref, result);
        return result;
    }

    @Override
    public StoredValue peek(ObjectRef<?> objectRef) {
        RayoObjectRef<?> ref = (RayoObjectRef<?>) objectRef;
        if (!ref.ownerAddress().equals(selfAddress)) {
            return null;
        }
        CompletableFuture<StoredValue> f = objects.lookup(ref.id());
        return f == null ? null : f.getNow(null);
    }

    /**
     * Asks the owner for the object; the owner answers once it is ready, however long that takes, so an
     * ask that times out is simply asked again while the owner is still a member of the cluster.
     */
    private void askOwner(RayoObjectRef<?> ref, CompletableFuture<StoredValue> result) {
        AskPattern.<OwnerEndpoint.Command, StoredValue>ask(ownerEndpoint(ref.ownerAddress()),
                        replyTo -> new OwnerEndpoint.Fetch(ref.id(), replyTo), fetchTimeout, system.scheduler())
                .whenComplete((value, error) -> {
                    if (value != null) {
                        result.complete(value);
                    } else if (!result.isDone()) {
                        if (membership.isMember(ref.ownerAddress())) {
                            askOwner(ref, result);
                        } else {
                            result.complete(OwnerEndpoint.lost(ref.id(), ref.ownerAddress()));
                        }
                    }
                });
    }

    @Override
    public void report(String ownerAddress, String objectId, StoredValue value) {
        report(ownerAddress, objectId, value, List.of());
    }

    /**
     * Reports a result, holding the keys nested in it ({@code contained}) for its owner: this process's own
     * table keeps them with the object; another owner gets them with the result and sends them back to be
     * let go once it holds them itself. A result for another process leaves only once every borrow this
     * process registered so far is acknowledged, so its owner (who may then release what it lent for the
     * task) never learns of the result before it learns of the borrows.
     */
    @Override
    public void report(String ownerAddress, String objectId, StoredValue value, List<NestedRefs.Held> contained) {
        ReferenceCounter counter = objects.counter();
        contained.forEach(h -> counter.increment(h.key(), h.ownerAddress()));
        if (ownerAddress.equals(selfAddress)) {
            objects.complete(objectId, value, contained);
            return;
        }
        if (!contained.isEmpty()) {
            counter.handOver(objectId, ownerAddress, contained);
        }
        OwnerEndpoint.ObjectReady ready = new OwnerEndpoint.ObjectReady(objectId, value, contained, selfAddress);
        CompletableFuture<Void> settled = counter.registrationsSettled();
        // Coalesced with the other results bound for that owner (see ResultOutbox).
        if (settled.isDone()) {
            outbox.send(ownerAddress, ready);
        } else {
            settled.whenComplete((v, e) -> outbox.send(ownerAddress, ready));
        }
    }

    @Override
    public CompletableFuture<Void> addBorrower(String ownerAddress, String key, String borrower) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        askAddBorrower(ownerAddress, key, borrower, done);
        return done;
    }

    private void askAddBorrower(String ownerAddress, String key, String borrower, CompletableFuture<Void> done) {
        if (!membership.isMember(ownerAddress)) {
            // The owner is gone: nothing left to keep alive there.
            done.complete(null);
            return;
        }
        AskPattern.<OwnerEndpoint.Command, OwnerEndpoint.BorrowerAdded>ask(ownerEndpoint(ownerAddress),
                        replyTo -> new OwnerEndpoint.AddBorrower(key, borrower, replyTo), fetchTimeout, system.scheduler())
                .whenComplete((ack, error) -> {
                    if (ack != null) {
                        done.complete(null);
                    } else {
                        askAddBorrower(ownerAddress, key, borrower, done);
                    }
                });
    }

    @Override
    public void removeBorrower(String ownerAddress, String key, String borrower) {
        if (membership.isMember(ownerAddress)) {
            ownerEndpoint(ownerAddress).tell(new OwnerEndpoint.RemoveBorrower(key, borrower));
        }
    }

    @Override
    public void placed(String ownerAddress, String taskId, String nodeAddress, int hops) {
        if (ownerAddress.equals(selfAddress)) {
            placements.placed(taskId, nodeAddress, hops);
        } else {
            ownerEndpoint(ownerAddress).tell(new OwnerEndpoint.TaskPlaced(taskId, nodeAddress, hops));
        }
    }

    /** Where the acknowledgements of this process's result batches go (its {@link OwnerEndpoint}). */
    public ResultOutbox outbox() {
        return outbox;
    }

    /** The owner at {@code address} left or died: fetches waiting on it end with a lost object. */
    public void ownerRemoved(String address) {
        objects.counter().processRemoved(address);
        outbox.forget(address);
        pendingFetches.fail(address, () -> new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "get",
                address, "the owner of this object, " + address + ", died or left the cluster")));
    }

    private ActorRef<OwnerEndpoint.Command> ownerEndpoint(String ownerAddress) {
        return refs.resolveActorRef(ownerAddress + "/system/" + OwnerEndpoint.NAME);
    }
}
