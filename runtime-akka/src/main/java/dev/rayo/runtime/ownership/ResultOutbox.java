package dev.rayo.runtime.ownership;

import akka.actor.typed.ActorRef;
import dev.rayo.runtime.wire.WireSizes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Results on their way to owners in other processes, coalesced per owner: a result waits in its owner's
 * queue until a flush runs on {@code executor}, and every result completed while that flush was pending
 * (or while it was sending) leaves in the same {@link OwnerEndpoint.ObjectsReady}, straight to the owner's
 * endpoint. Under load many results share one message (one Artery envelope, one serialization, one
 * dispatch at the owner); alone, a result waits only for one executor hand-off. Thread-safe: task
 * runners on any thread hand results in; one flush per owner runs at a time.
 */
public final class ResultOutbox {
    /** At most this many results travel in one message. */
    static final int MAX_RESULTS = 512;

    private final Executor executor;
    private final Function<String, ActorRef<OwnerEndpoint.Command>> endpoints;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    /** The results bound for one owner. */
    private static final class Lane {
        final ActorRef<OwnerEndpoint.Command> endpoint;
        final ConcurrentLinkedQueue<OwnerEndpoint.ObjectReady> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Lane(ActorRef<OwnerEndpoint.Command> endpoint) {
            this.endpoint = endpoint;
        }
    }

    /**
     * An outbox whose flushes run on {@code executor}, sending to the endpoint {@code endpoints} gives for an
     * owner's address (resolved once per owner).
     */
    public ResultOutbox(Executor executor, Function<String, ActorRef<OwnerEndpoint.Command>> endpoints) {
        this.executor = executor;
        this.endpoints = endpoints;
    }

    /** Queues {@code ready} for the owner at {@code ownerAddress}; it leaves with the owner's next flush. */
    public void send(String ownerAddress, OwnerEndpoint.ObjectReady ready) {
        Lane lane = lanes.computeIfAbsent(ownerAddress, a -> new Lane(endpoints.apply(a)));
        lane.queue.add(ready);
        schedule(lane);
    }

    /** Forgets the owner at {@code ownerAddress} (it left or died): what still waits for it is dropped. */
    public void forget(String ownerAddress) {
        Lane lane = lanes.remove(ownerAddress);
        if (lane != null) {
            lane.queue.clear();
        }
    }

    private void schedule(Lane lane) {
        if (lane.scheduled.compareAndSet(false, true)) {
            executor.execute(() -> flush(lane));
        }
    }

    private void flush(Lane lane) {
        // Cleared before draining: a result queued after this point schedules the next flush itself. Two
        // flushes of one lane may then overlap; each result is still taken (polled) by exactly one of them.
        lane.scheduled.set(false);
        List<OwnerEndpoint.ObjectReady> batch = new ArrayList<>();
        int bytes = 0;
        OwnerEndpoint.ObjectReady next;
        while ((next = lane.queue.poll()) != null) {
            int size = WireSizes.of(next.value()) + 128 * next.contained().size();
            if (!batch.isEmpty() && (bytes + size > WireSizes.BATCH_BUDGET_BYTES || batch.size() >= MAX_RESULTS)) {
                send(lane, batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(next);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            send(lane, batch);
        }
    }

    private static void send(Lane lane, List<OwnerEndpoint.ObjectReady> batch) {
        lane.endpoint.tell(batch.size() == 1 ? batch.get(0) : new OwnerEndpoint.ObjectsReady(batch));
    }
}
