package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.StoredValue;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.rayo.runtime.wire.RayoMessage;

import java.util.concurrent.CompletableFuture;

/**
 * The owner's mailbox for other processes: results of tasks that ran elsewhere arrive here, and borrowers
 * ask here for the value or location of objects this process owns. Never blocks: answers are sent when
 * the object's future completes.
 */
public final class OwnerEndpoint {
    /** The name under {@code /system} that peers address. */
    public static final String NAME = "rayo-owner";

    /** The endpoint's protocol. */
    public sealed interface Command extends RayoMessage {
    }

    /** A task that ran elsewhere made object {@code objectId}. */
    public record ObjectReady(String objectId, StoredValue value) implements Command {
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
        return Behaviors.receive(Command.class)
                .onMessage(TaskPlaced.class, m -> {
                    placements.placed(m.taskId(), m.nodeAddress(), m.hops());
                    return Behaviors.same();
                })
                .onMessage(ObjectReady.class, m -> {
                    table.complete(m.objectId(), m.value());
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
                .build();
    }

    /** The value of an object its owner no longer (or never) held. */
    public static StoredValue lost(String objectId, String ownerNode) {
        return new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "get", ownerNode,
                "object " + objectId + " is lost: its owner " + ownerNode + " no longer holds it "
                        + "(it was released, or the owner shut down or died)"));
    }
}
