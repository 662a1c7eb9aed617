package dev.rayo.runtime.state;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.wire.RayoMessage;

import java.util.List;
import java.util.function.Supplier;

/**
 * One per node ({@code /system/rayo-state}): answers for what this node recorded, page by page so that no
 * answer outgrows an Artery frame, whatever the size of the event log or of the object table. It only reads
 * structures that are safe to read from any thread, so it needs no dispatcher of its own.
 */
public final class StateEndpoint {
    /** The actor's name under {@code /system}. */
    public static final String NAME = "rayo-state";

    private StateEndpoint() {
    }

    /** What the endpoint answers. */
    public sealed interface Command extends RayoMessage {
    }

    /** Up to {@code max} task events from sequence number {@code fromSeq} on. */
    public record ReadEvents(long fromSeq, int max, ActorRef<EventsRead> replyTo) implements Command {
    }

    /**
     * A page of this node's task events.
     *
     * @param nodeId  the node answering
     * @param events  the events, oldest first
     * @param next    the sequence number to ask for next
     * @param more    whether events from {@code next} on exist
     */
    public record EventsRead(String nodeId, List<TaskEvent> events, long next, boolean more) implements RayoMessage {
    }

    /** Up to {@code max} of the objects this node owns, from the {@code offset}-th on. */
    public record ReadObjects(int offset, int max, ActorRef<ObjectsRead> replyTo) implements Command {
    }

    /** A page of the objects a node owns; {@code more} says whether another page follows. */
    public record ObjectsRead(String nodeId, List<ObjectTable.Owned> objects, boolean more) implements RayoMessage {
    }

    /** Asks for the node's own description. */
    public record Describe(ActorRef<Description> replyTo) implements Command {
    }

    /**
     * What a node says about itself beside the gossiped node table.
     *
     * @param nodeId         the node
     * @param address        its Akka address
     * @param dashboardUrl   the dashboard it serves, or empty
     * @param recordedEvents task events recorded since it started
     * @param droppedEvents  of those, how many were overwritten (the bound of {@code rayo.events.capacity})
     * @param eventCapacity  how many events it keeps
     * @param enteredCounts  how many attempts entered each task state here, indexed by its ordinal
     * @param objectsOwned   how many objects it owns
     */
    public record Description(String nodeId, String address, String dashboardUrl, long recordedEvents,
                              long droppedEvents, int eventCapacity, long[] enteredCounts, int objectsOwned)
            implements RayoMessage {
    }

    /** The endpoint of node {@code nodeId} at {@code address}, reading {@code events} and {@code objects}. */
    public static Behavior<Command> create(String nodeId, String address, TaskEventLog events, ObjectTable objects,
                                           Supplier<String> dashboardUrl) {
        return Behaviors.receive(Command.class)
                .onMessage(ReadEvents.class, r -> {
                    TaskEventLog.Page page = events.since(r.fromSeq(), r.max());
                    r.replyTo().tell(new EventsRead(nodeId, page.events(), page.next(), page.more()));
                    return Behaviors.same();
                })
                .onMessage(ReadObjects.class, r -> {
                    List<ObjectTable.Owned> page = objects.describe(r.offset(), r.max() + 1);
                    boolean more = page.size() > r.max();
                    r.replyTo().tell(new ObjectsRead(nodeId, more ? List.copyOf(page.subList(0, r.max())) : page, more));
                    return Behaviors.same();
                })
                .onMessage(Describe.class, r -> {
                    String url = dashboardUrl.get();
                    r.replyTo().tell(new Description(nodeId, address, url == null ? "" : url, events.totalRecorded(),
                            events.dropped(), events.capacity(), events.enteredCounts(), objects.size()));
                    return Behaviors.same();
                })
                .build();
    }
}
