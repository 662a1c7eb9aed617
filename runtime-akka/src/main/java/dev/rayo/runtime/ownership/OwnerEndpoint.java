package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.StoredValue;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.rayo.runtime.wire.RayoMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The owner's mailbox for other processes: results of tasks that ran elsewhere arrive here, borrowers ask
 * here for the value or location of objects this process owns, and register and end their borrows of the
 * objects and actors it owns ({@link ReferenceCounter}). Never blocks: answers are sent when the object's
 * future completes.
 */
public final class OwnerEndpoint {
    /** The name under {@code /system} that peers address. */
    public static final String NAME = "rayo-owner";

    /** The endpoint's protocol. */
    public sealed interface Command extends RayoMessage {
    }

    /**
     * A task that ran elsewhere, in process {@code from}, made object {@code objectId}; {@code contained} are
     * the keys serialized into it, which {@code from} holds until this owner holds them too.
     */
    public record ObjectReady(String objectId, StoredValue value, List<NestedRefs.Held> contained, String from)
            implements Command {
        /** A result with no refs nested in it. */
        public ObjectReady(String objectId, StoredValue value) {
            this(objectId, value, List.of(), "");
        }
    }

    /**
     * Several results made in process {@code from}, coalesced into one message by its {@link ResultOutbox};
     * each is handled as its own {@link ObjectReady}, then {@code from} is told the batch arrived.
     */
    public record ObjectsReady(List<ObjectReady> results, String from, long batch) implements Command {
    }

    /** The owner at {@code owner} received batch {@code batch} of this process's results: the next may leave. */
    public record ResultsReceived(String owner, long batch) implements Command {
    }

    /** Process {@code borrower} holds {@code key}, owned here; acknowledged once recorded. */
    public record AddBorrower(String key, String borrower, ActorRef<BorrowerAdded> replyTo) implements Command {
    }

    /** The acknowledgement of {@link AddBorrower}. */
    public record BorrowerAdded(String key) implements RayoMessage {
    }

    /** Process {@code borrower} no longer holds {@code key}, owned here. */
    public record RemoveBorrower(String key, String borrower) implements Command {
    }

    /** The owner of result {@code objectId}, made here, now holds the keys nested in it: this process lets them go. */
    public record ReleasePins(String objectId) implements Command {
    }

    /** A node holds one of this owner's tasks. */
    public record TaskPlaced(String taskId, String nodeAddress, int hops) implements Command {
    }

    /** Asks for the value or location of {@code objectId} once it is ready. */
    public record Fetch(String objectId, ActorRef<StoredValue> replyTo) implements Command {
    }

    /** Learns where the owner's tasks are: a scheduler queued one, or an actor received a call. */
    @FunctionalInterface
    public interface Placements {
        /** Node {@code nodeAddress} holds task (or call) {@code taskId}, after {@code hops} forwards. */
        void placed(String taskId, String nodeAddress, int hops);
    }

    private OwnerEndpoint() {
    }

    /** The endpoint serving {@code table}. */
    public static Behavior<Command> create(ObjectTable table, Placements placements, String nodeId) {
        return create(table, placements, nodeId, null);
    }

    /**
     * The endpoint serving {@code table}, handing the acknowledgements of this process's result batches to
     * {@code outbox} (none when null).
     */
    public static Behavior<Command> create(ObjectTable table, Placements placements, String nodeId, ResultOutbox outbox) {
        ReferenceCounter counter = table.counter();
        String self = table.ownerAddress();
        return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
                .onMessage(AddBorrower.class, m -> {
                    counter.addBorrower(m.key(), m.borrower());
                    m.replyTo().tell(new BorrowerAdded(m.key()));
                    return Behaviors.same();
                })
                .onMessage(RemoveBorrower.class, m -> {
                    counter.removeBorrower(m.key(), m.borrower());
                    return Behaviors.same();
                })
                .onMessage(ReleasePins.class, m -> {
                    counter.takenOver(m.objectId());
                    return Behaviors.same();
                })
                .onMessage(TaskPlaced.class, m -> {
                    placements.placed(m.taskId(), m.nodeAddress(), m.hops());
                    return Behaviors.same();
                })
                .onMessage(ObjectReady.class, m -> {
                    ready(m, table, counter, ctx.getSystem());
                    return Behaviors.same();
                })
                .onMessage(ObjectsReady.class, m -> {
                    for (ObjectReady ready : m.results()) {
                        ready(ready, table, counter, ctx.getSystem());
                    }
                    ActorRefResolver.get(ctx.getSystem()).<Command>resolveActorRef(m.from() + "/system/" + NAME)
                            .tell(new ResultsReceived(self, m.batch()));
                    return Behaviors.same();
                })
                .onMessage(ResultsReceived.class, m -> {
                    if (outbox != null) {
                        outbox.acknowledged(m.owner(), m.batch());
                    }
                    return Behaviors.same();
                })
                .onMessage(Fetch.class, m -> {
                    CompletableFuture<StoredValue> f = table.demand(m.objectId());
                    if (f == null) {
                        m.replyTo().tell(lost(m.objectId(), nodeId));
                    } else {
                        f.whenComplete((v, e) -> m.replyTo().tell(v != null ? v : lost(m.objectId(), nodeId)));
                    }
                    return Behaviors.same();
                })
                .build());
    }

    /** Records a result made elsewhere; what it nests is held here before its maker lets it go. */
    private static void ready(ObjectReady m, ObjectTable table, ReferenceCounter counter,
                              akka.actor.typed.ActorSystem<?> system) {
        if (m.contained().isEmpty()) {
            table.complete(m.objectId(), m.value());
            return;
        }
        // Hold what the result nests (borrowing it from its owners), then let its maker go.
        m.contained().forEach(h -> counter.increment(h.key(), h.ownerAddress()));
        ActorRef<Command> maker = ActorRefResolver.get(system).resolveActorRef(m.from() + "/system/" + NAME);
        counter.registrationsSettled().whenComplete((v, e) -> maker.tell(new ReleasePins(m.objectId())));
        table.complete(m.objectId(), m.value(), m.contained());
    }

    /** The value of an object its owner no longer (or never) held. */
    public static StoredValue lost(String objectId, String ownerNode) {
        return new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "get", ownerNode,
                "object " + objectId + " is lost: its owner " + ownerNode + " no longer holds it "
                        + "(it was released, or the owner shut down or died)"));
    }
}
