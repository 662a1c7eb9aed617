package dev.rayo.runtime.recovery;

import dev.rayo.runtime.ownership.StoredValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unfinished actor calls this process made, by the node their actor lives on, so that calls in flight
 * when that node dies fail at once instead of waiting forever.
 */
public final class PendingCalls {
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * A call in flight.
     *
     * @param callId      the call's id
     * @param actorId     the actor it went to
     * @param node        the node the actor lives on
     * @param returnIds   the objects the call returns
     * @param retriesLeft how many more times it is sent again when its actor dies mid-call
     * @param resend      sends it again (to the re-created actor)
     * @param cancel      tells the actor to drop it, should it still arrive (sharding may deliver it late)
     */
    public record Pending(String callId, String actorId, String node, List<String> returnIds, int retriesLeft,
                          Runnable resend, Runnable cancel) {
    }

    /** Tracks a call on the actor living on {@code node} until its results complete. */
    public void track(Pending call, List<CompletableFuture<StoredValue>> results) {
        pending.put(call.callId(), call);
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> pending.remove(call.callId()));
    }

    /** Removes and returns the calls in flight to actors on {@code node}; {@code hostOf} says where an actor lives now. */
    public List<Pending> takeCallsOn(String node, java.util.function.Function<String, String> hostOf) {
        List<Pending> lost = new ArrayList<>();
        pending.forEach((id, c) -> {
            boolean there = c.node().equals(node) || node.equals(hostOf.apply(c.actorId()));
            if (there && pending.remove(id, c)) {
                lost.add(c);
            }
        });
        return lost;
    }
}
