package dev.rayo.runtime.transfer;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.store.ObjectStore;
import dev.rayo.store.WritableObject;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Copies an object from another host's store into this host's, chunk by chunk with a fixed window of
 * outstanding requests (flow control): heap use is {@code window × chunkBytes} whatever the object's size.
 * Concurrent pulls of one object in this process share one transfer.
 */
public final class ObjectPuller {
    private final ActorSystem<?> system;
    private final ObjectStore store;
    private final int chunkBytes;
    private final int window;
    private final Duration chunkTimeout;
    private final ActorRefResolver resolver;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    /** A puller writing into {@code store}. */
    public ObjectPuller(ActorSystem<?> system, ObjectStore store, int chunkBytes, int window, Duration chunkTimeout) {
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
                TransferEndpoint.Chunk chunk = await(pending.poll(), object);
                out.put((int) chunk.offset(), chunk.data());
            }
            target.seal();
        }
    }

    private TransferEndpoint.Chunk request(ActorRef<TransferEndpoint.Command> source, StoredValue.InStore object, long offset) {
        return await(ask(source, object.objectId(), offset), object);
    }

    private CompletableFuture<TransferEndpoint.Chunk> ask(ActorRef<TransferEndpoint.Command> source, String objectId, long offset) {
        return AskPattern.<TransferEndpoint.Command, TransferEndpoint.Chunk>ask(source,
                replyTo -> new TransferEndpoint.ReadChunk(objectId, offset, chunkBytes, replyTo), chunkTimeout,
                system.scheduler()).toCompletableFuture();
    }

    private TransferEndpoint.Chunk await(CompletableFuture<TransferEndpoint.Chunk> future, StoredValue.InStore object) {
        TransferEndpoint.Chunk chunk;
        try {
            chunk = future.get(chunkTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectLostException("interrupted while pulling object " + object.objectId(), e);
        } catch (Exception e) {
            throw new ObjectLostException("object " + object.objectId() + " can't be pulled from node "
                    + object.nodeAddress() + ": " + e, e);
        }
        if (chunk.error() != null) {
            throw new ObjectLostException("object " + object.objectId() + " can't be pulled from node "
                    + object.nodeAddress() + ": " + chunk.error());
        }
        return chunk;
    }
}
