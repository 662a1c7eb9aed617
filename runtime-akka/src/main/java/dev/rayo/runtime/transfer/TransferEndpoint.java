package dev.rayo.runtime.transfer;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.rayo.runtime.wire.RayoMessage;
import dev.rayo.store.ObjectStore;
import dev.rayo.store.ReadableObject;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Serves chunks of this host's stored objects to nodes on other hosts (Ray's object manager). The reader
 * asks for one chunk at a time with a bounded window, so neither side ever holds more than a few chunks
 * in its heap, whatever the object's size. Runs on the store dispatcher: it copies out of mapped memory.
 */
public final class TransferEndpoint {
    /** The name under {@code /system} that peers address. */
    public static final String NAME = "rayo-transfer";

    /** The endpoint's protocol. */
    public sealed interface Command extends RayoMessage {
    }

    /** Asks for {@code length} bytes of {@code objectId} from {@code offset}. */
    public record ReadChunk(String objectId, long offset, int length, ActorRef<Chunk> replyTo) implements Command {
    }

    /**
     * Asks where {@code objectId} can be streamed from (issue 11): answered with a {@link Location}. The reader
     * is recorded as holding a copy, as for the first chunk of a chunked pull.
     */
    public record Locate(String objectId, ActorRef<Location> replyTo) implements Command {
    }

    /**
     * Where an object is streamed from, or why it can't be.
     *
     * @param streamHost null when this node serves no stream ({@code rayo.transfer.mode = akka}): pull chunks
     * @param streamPort the port of this node's {@link TransferServer}
     * @param error      null, or why the object can't be served (it is not in this node's store)
     */
    public record Location(String objectId, String streamHost, int streamPort, String error) implements RayoMessage {
    }

    /** Frees an object its owner released (or whose owner died), and the copies other hosts pulled from here. */
    public record Delete(String objectId) implements Command {
    }

    /**
     * A piece of an object, or why it can't be read.
     *
     * @param totalSize the object's whole size
     * @param typeTag   the object's encoding
     * @param error     null, or why the object can't be served
     */
    public record Chunk(String objectId, long offset, byte[] data, long totalSize, int typeTag, String error)
            implements RayoMessage {
    }

    private TransferEndpoint() {
    }

    /**
     * The endpoint serving {@code store}; {@code delete} frees an object here, {@code peer} names the endpoint
     * of another node. It remembers which nodes pulled each object, so that freeing the object here frees
     * their copies too: only the owner knows when an object dies, and it tells only the node that made it.
     */
    public static Behavior<Command> create(ObjectStore store, Consumer<String> delete, Function<String, ActorRef<Command>> peer) {
        return create(store, delete, peer, null);
    }

    /**
     * As {@link #create(ObjectStore, Consumer, Function)}, and {@link Locate} answers point pullers at
     * {@code stream}, this node's {@link TransferServer} (null: none, pullers ask for chunks).
     */
    public static Behavior<Command> create(ObjectStore store, Consumer<String> delete, Function<String, ActorRef<Command>> peer,
                                           InetSocketAddress stream) {
        return Behaviors.setup(ctx -> {
            Map<String, Set<String>> pulledBy = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Delete.class, d -> {
                        delete.accept(d.objectId());
                        Set<String> copies = pulledBy.remove(d.objectId());
                        if (copies != null) {
                            copies.forEach(node -> peer.apply(node).tell(d));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Locate.class, l -> {
                        Location location = locate(store, l.objectId(), stream);
                        akka.actor.Address reader = l.replyTo().path().address();
                        if (location.error() == null && reader.hasGlobalScope()) {
                            pulledBy.computeIfAbsent(l.objectId(), id -> new HashSet<>()).add(reader.toString());
                        }
                        l.replyTo().tell(location);
                        return Behaviors.same();
                    })
                    .onMessage(ReadChunk.class, r -> {
                        Chunk chunk = read(store, r);
                        akka.actor.Address reader = r.replyTo().path().address();
                        if (r.offset() == 0 && chunk.error() == null && reader.hasGlobalScope()) {
                            pulledBy.computeIfAbsent(r.objectId(), id -> new HashSet<>()).add(reader.toString());
                        }
                        r.replyTo().tell(chunk);
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static Location locate(ObjectStore store, String objectId, InetSocketAddress stream) {
        boolean held;
        try {
            held = store.contains(objectId);
        } catch (IllegalArgumentException notAnId) {
            held = false;
        }
        if (!held) {
            return new Location(objectId, null, 0, "object " + objectId + " is not in this node's store");
        }
        return stream == null ? new Location(objectId, null, 0, null)
                : new Location(objectId, stream.getHostString(), stream.getPort(), null);
    }

    private static Chunk read(ObjectStore store, ReadChunk r) {
        Optional<ReadableObject> found = store.get(r.objectId());
        if (found.isEmpty()) {
            return new Chunk(r.objectId(), r.offset(), null, -1, 0, "object " + r.objectId() + " is not in this node's store");
        }
        try (ReadableObject object = found.get()) {
            ByteBuffer buffer = object.buffer();
            long size = buffer.remaining();
            int length = (int) Math.max(0, Math.min(r.length(), size - r.offset()));
            byte[] data = new byte[length];
            buffer.get((int) r.offset(), data, 0, length);
            return new Chunk(r.objectId(), r.offset(), data, size, object.typeTag(), null);
        }
    }
}
