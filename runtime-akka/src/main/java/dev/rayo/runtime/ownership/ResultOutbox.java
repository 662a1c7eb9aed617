package dev.rayo.runtime.ownership;

import akka.actor.typed.ActorRef;
import dev.rayo.runtime.wire.WireSizes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Results on their way to owners in other processes, coalesced per owner while a send is in flight: the
 * first result for an owner leaves at once (after one hand-off to {@code executor}); results completed
 * while that message is unacknowledged wait, and leave together in one {@link OwnerEndpoint.ObjectsReady}
 * straight to the owner's endpoint as soon as the owner acknowledges the previous one. So a lone result
 * pays no delay, and under load a batch holds what completed during one round trip (one Artery envelope,
 * one serialization, one dispatch at the owner for many results). An acknowledgement that does not come
 * within {@code ackTimeout} (the owner restarted, a message was dropped) releases the next batch anyway.
 * Thread-safe: task runners on any thread hand results in.
 */
public final class ResultOutbox {
    /** At most this many results travel in one message. */
    static final int MAX_RESULTS = 512;

    private final Executor executor;
    private final Function<String, ActorRef<OwnerEndpoint.Command>> endpoints;
    private final String selfAddress;
    private final BiConsumer<Duration, Runnable> timer;
    private final Duration ackTimeout;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    /** The results bound for one owner; its flags are guarded by the lane itself. */
    private static final class Lane {
        final ActorRef<OwnerEndpoint.Command> endpoint;
        final ConcurrentLinkedQueue<OwnerEndpoint.ObjectReady> queue = new ConcurrentLinkedQueue<>();
        /** A flush is queued on the executor. */
        boolean scheduled;
        /** The batch sent last is not acknowledged yet; its number. */
        long inFlight;
        long sent;

        Lane(ActorRef<OwnerEndpoint.Command> endpoint) {
            this.endpoint = endpoint;
        }
    }

    /**
     * An outbox of the process at {@code selfAddress} (where owners send their acknowledgements), flushing
     * on {@code executor} to the endpoint {@code endpoints} gives for an owner's address (resolved once per
     * owner), running {@code timer} to stop waiting for an acknowledgement after {@code ackTimeout}.
     */
    public ResultOutbox(String selfAddress, Executor executor, Function<String, ActorRef<OwnerEndpoint.Command>> endpoints,
                        BiConsumer<Duration, Runnable> timer, Duration ackTimeout) {
        this.selfAddress = selfAddress;
        this.executor = executor;
        this.endpoints = endpoints;
        this.timer = timer;
        this.ackTimeout = ackTimeout;
    }

    /** Queues {@code ready} for the owner at {@code ownerAddress}; it leaves with the owner's next batch. */
    public void send(String ownerAddress, OwnerEndpoint.ObjectReady ready) {
        Lane lane = lanes.computeIfAbsent(ownerAddress, a -> new Lane(endpoints.apply(a)));
        lane.queue.add(ready);
        synchronized (lane) {
            if (lane.scheduled || lane.inFlight != 0) {
                return;
            }
            lane.scheduled = true;
        }
        executor.execute(() -> flush(lane));
    }

    /** The owner at {@code ownerAddress} received batch {@code batch}: the next may leave. */
    public void acknowledged(String ownerAddress, long batch) {
        Lane lane = lanes.get(ownerAddress);
        if (lane != null) {
            release(lane, batch);
        }
    }

    /** Forgets the owner at {@code ownerAddress} (it left or died): what still waits for it is dropped. */
    public void forget(String ownerAddress) {
        Lane lane = lanes.remove(ownerAddress);
        if (lane != null) {
            lane.queue.clear();
        }
    }

    private void release(Lane lane, long batch) {
        synchronized (lane) {
            if (lane.inFlight != batch) {
                return; // a late acknowledgement, or the timeout already released it
            }
            lane.inFlight = 0;
            if (lane.scheduled || lane.queue.isEmpty()) {
                return;
            }
            lane.scheduled = true;
        }
        executor.execute(() -> flush(lane));
    }

    private void flush(Lane lane) {
        List<OwnerEndpoint.ObjectReady> batch = new ArrayList<>();
        long number;
        synchronized (lane) {
            lane.scheduled = false;
            if (lane.inFlight != 0) {
                return;
            }
            int bytes = 0;
            OwnerEndpoint.ObjectReady next;
            while (batch.size() < MAX_RESULTS && (next = lane.queue.peek()) != null) {
                int size = WireSizes.of(next.value()) + 128 * next.contained().size();
                if (!batch.isEmpty() && bytes + size > WireSizes.BATCH_BUDGET_BYTES) {
                    break;
                }
                // Only flushes take from the queue, one at a time under the lane's lock: peek then poll is safe.
                batch.add(lane.queue.poll());
                bytes += size;
            }
            if (batch.isEmpty()) {
                return;
            }
            number = ++lane.sent;
            lane.inFlight = number;
        }
        lane.endpoint.tell(new OwnerEndpoint.ObjectsReady(batch, selfAddress, number));
        timer.accept(ackTimeout, () -> release(lane, number));
    }
}
