package dev.rayo.runtime.transfer;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.store.ObjectStore;
import dev.rayo.store.WritableObject;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Copies an object from another host's store into this host's. In stream mode (issue 11) it asks the source's
 * {@link TransferEndpoint} over Akka where to stream the object from ({@link TransferEndpoint.Locate}: control
 * and errors stay on Akka; the answer is awaited only for a node not streamed from before), then reads it from
 * the source's {@link TransferServer} straight into the new object's mapping ({@link StreamPull}). Otherwise, or when the source serves no stream, it asks for the object
 * chunk by chunk over Akka with a fixed window of outstanding requests (flow control): heap use is
 * {@code window × chunkBytes} whatever the object's size. Concurrent pulls of one object in this process share
 * one transfer.
 */
public final class ObjectPuller {
    private final ActorSystem<?> system;
    private final ObjectStore store;
    private final int chunkBytes;
    private final int window;
    private final Duration chunkTimeout;
    private final ActorRefResolver resolver;
    private final StreamPull streams;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    /** The transfer server of each node streamed from so far, by node address. */
    private final ConcurrentHashMap<String, InetSocketAddress> streamServers = new ConcurrentHashMap<>();
    private final LongAdder streamed = new LongAdder();
    private final LongAdder chunked = new LongAdder();

    /**
     * How many objects this puller copied in, by path.
     *
     * @param streamed objects read from a source's {@link TransferServer}
     * @param chunked  objects asked for in chunks over Akka
     */
    public record Counts(long streamed, long chunked) {
    }

    /** A puller writing into {@code store}, chunk by chunk over Akka. */
    public ObjectPuller(ActorSystem<?> system, ObjectStore store, int chunkBytes, int window, Duration chunkTimeout) {
        this(system, store, chunkBytes, window, chunkTimeout, false);
    }

    /**
     * A puller writing into {@code store}; with {@code stream}, objects come over the sources' transfer servers
     * (chunks over Akka from a source that serves none). {@code chunkTimeout} also bounds how long a stream may
     * make no progress.
     */
    public ObjectPuller(ActorSystem<?> system, ObjectStore store, int chunkBytes, int window, Duration chunkTimeout,
                        boolean stream) {
        this(system, store, chunkBytes, window, chunkTimeout, stream, null);
    }

    /** Like {@link #ObjectPuller(ActorSystem, ObjectStore, int, int, Duration, boolean)}, streams over TLS when {@code tls} is set. */
    public ObjectPuller(ActorSystem<?> system, ObjectStore store, int chunkBytes, int window, Duration chunkTimeout,
                        boolean stream, StreamTls tls) {
        this.streams = stream ? new StreamPull(store, chunkTimeout, tls) : null;
        this.system = system;
        this.store = store;
        this.chunkBytes = chunkBytes;
        this.window = window;
        this.chunkTimeout = chunkTimeout;
        this.resolver = ActorRefResolver.get(system);
    }

    /**
     * Makes {@code object} present in this host's store, pulling it from the node that stored it.
     *
     * @throws ObjectLostException when that node no longer has it or can't be reached
     */
    public void pull(StoredValue.InStore object) {
        if (store.contains(object.objectId())) {
            return;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(object.objectId(), mine);
        if (running != null) {
            running.join();
            return;
        }
        try {
            transfer(object);
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(object.objectId(), mine);
        }
    }

    private void transfer(StoredValue.InStore object) {
        ActorRef<TransferEndpoint.Command> source = resolver.resolveActorRef(object.nodeAddress() + "/system/" + TransferEndpoint.NAME);
        if (streams != null && stream(source, object)) {
            streamed.increment();
            return;
        }
        pullChunks(source, object);
        chunked.increment();
    }

    /**
     * Streams {@code object} from its node's transfer server; false when that node serves no stream. The
     * {@link TransferEndpoint.Locate} ask always goes out (the source records this node as holding a copy), but
     * once a node's server is known the stream does not wait for its answer: a round trip over Akka costs
     * several milliseconds on a busy host, a tenth of a 100 MiB stream. A known server that fails is forgotten,
     * and the answer says where to stream from instead.
     */
    private boolean stream(ActorRef<TransferEndpoint.Command> source, StoredValue.InStore object) {
        CompletableFuture<TransferEndpoint.Location> located = AskPattern.<TransferEndpoint.Command, TransferEndpoint.Location>ask(
                source, replyTo -> new TransferEndpoint.Locate(object.objectId(), replyTo), chunkTimeout,
                system.scheduler()).toCompletableFuture();
        InetSocketAddress known = streamServers.get(object.nodeAddress());
        ObjectLostException failed = null;
        if (known != null) {
            try {
                streams.pull(known, object.objectId(), object.nodeAddress());
                return true;
            } catch (ObjectLostException e) {
                streamServers.remove(object.nodeAddress(), known);
                failed = e;
            }
        }
        TransferEndpoint.Location where = await(located, object);
        if (where.error() != null) {
            throw lost(object, where.error(), failed);
        }
        if (where.streamHost() == null) {
            return false;
        }
        InetSocketAddress server = new InetSocketAddress(where.streamHost(), where.streamPort());
        if (failed != null && server.equals(known)) {
            throw failed;
        }
        streams.pull(server, object.objectId(), object.nodeAddress());
        streamServers.put(object.nodeAddress(), server);
        return true;
    }

    /** The objects copied in so far, by path. */
    public Counts counts() {
        return new Counts(streamed.sum(), chunked.sum());
    }

    private void pullChunks(ActorRef<TransferEndpoint.Command> source, StoredValue.InStore object) {
        TransferEndpoint.Chunk first = request(source, object, 0);
        long size = first.totalSize();
        try (WritableObject target = store.create(object.objectId(), size, first.typeTag())) {
            ByteBuffer out = target.buffer();
            out.put(0, first.data());
            ArrayDeque<CompletableFuture<TransferEndpoint.Chunk>> pending = new ArrayDeque<>();
            long next = first.data().length;
            while (next < size || !pending.isEmpty()) {
                while (next < size && pending.size() < window) {
                    pending.add(ask(source, object.objectId(), next));
                    next += chunkBytes;
                }
                TransferEndpoint.Chunk chunk = awaitChunk(pending.poll(), object);
                out.put((int) chunk.offset(), chunk.data());
            }
            target.seal();
        }
    }

    private TransferEndpoint.Chunk request(ActorRef<TransferEndpoint.Command> source, StoredValue.InStore object, long offset) {
        return awaitChunk(ask(source, object.objectId(), offset), object);
    }

    private CompletableFuture<TransferEndpoint.Chunk> ask(ActorRef<TransferEndpoint.Command> source, String objectId, long offset) {
        return AskPattern.<TransferEndpoint.Command, TransferEndpoint.Chunk>ask(source,
                replyTo -> new TransferEndpoint.ReadChunk(objectId, offset, chunkBytes, replyTo), chunkTimeout,
                system.scheduler()).toCompletableFuture();
    }

    private TransferEndpoint.Chunk awaitChunk(CompletableFuture<TransferEndpoint.Chunk> future, StoredValue.InStore object) {
        TransferEndpoint.Chunk chunk = await(future, object);
        if (chunk.error() != null) {
            throw lost(object, chunk.error(), null);
        }
        return chunk;
    }

    private <T> T await(CompletableFuture<T> future, StoredValue.InStore object) {
        try {
            return future.get(chunkTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectLostException("interrupted while pulling object " + object.objectId(), e);
        } catch (Exception e) {
            throw lost(object, e.toString(), e);
        }
    }

    private static ObjectLostException lost(StoredValue.InStore object, String why, Throwable cause) {
        return new ObjectLostException("object " + object.objectId() + " can't be pulled from node "
                + object.nodeAddress() + ": " + why, cause);
    }
}
