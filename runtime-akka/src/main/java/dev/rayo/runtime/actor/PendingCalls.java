package dev.rayo.runtime.actor;

import dev.rayo.runtime.wire.StoredValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unfinished actor calls this process made. An actor acknowledges each call when it takes it from its
 * mailbox, naming its node. When a node dies, the calls its actors had accepted fail at once instead of
 * waiting forever, and the calls no actor acknowledged yet are sent again (the actor drops duplicates), since
 * a dying shard region may have swallowed them; that holds for calls to an actor that lived on the dead node
 * too (one made while the node was dead but not yet removed went nowhere): they reach it where it recovers. A call still unacknowledged long after (the first resend
 * delay, doubling each time) is sent again too, in case it was swallowed without a death being seen.
 * Unacknowledged is not lost: a busy actor acknowledges the calls queued in its mailbox only as it reaches
 * them, which is why resends follow deaths, not a short timer.
 */
public final class PendingCalls {
    private final long maxResendDelayNanos;

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final long firstResendDelayNanos;
    /** How many calls to each actor await their acknowledgement; actors with none are absent. */
    private final ConcurrentHashMap<String, Integer> unacknowledgedByActor = new ConcurrentHashMap<>();

    /** A call in flight. */
    public static final class Pending {
        private final String callId;
        private final String actorId;
        private final List<String> returnIds;
        private final int retriesLeft;
        private final Runnable resend;
        private final Runnable cancel;
        private volatile String node;
        private volatile boolean accepted;
        private volatile long nextResendAt;
        private volatile long resendDelay;
        /** Still counted in {@code unacknowledgedByActor}; cleared once, when acknowledged or dropped. */
        private final java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean(true);

        /**
         * @param callId      the call's id
         * @param actorId     the actor it went to
         * @param node        the node the actor is expected on ("" when unknown) until it acknowledges the call
         * @param returnIds   the objects the call returns
         * @param retriesLeft how many more times it is sent again when its actor dies mid-call
         * @param resend      sends it (again) to wherever the actor lives now
         * @param cancel      tells the actor to drop it, should it still arrive (sharding may deliver it late)
         */
        public Pending(String callId, String actorId, String node, List<String> returnIds, int retriesLeft,
                       Runnable resend, Runnable cancel) {
            this.callId = callId;
            this.actorId = actorId;
            this.node = node;
            this.returnIds = returnIds;
            this.retriesLeft = retriesLeft;
            this.resend = resend;
            this.cancel = cancel;
        }

        /** The call's id. */
        public String callId() {
            return callId;
        }

        /** The actor it went to. */
        public String actorId() {
            return actorId;
        }

        /** The node that accepted it, or where its actor was expected before that. */
        public String node() {
            return node;
        }

        /** The objects the call returns. */
        public List<String> returnIds() {
            return returnIds;
        }

        /** How many more times it is sent again when its actor dies mid-call. */
        public int retriesLeft() {
            return retriesLeft;
        }

        /** Sends it (again). */
        public Runnable resend() {
            return resend;
        }

        /** Tells the actor to drop it. */
        public Runnable cancel() {
            return cancel;
        }

        /** Whether an actor acknowledged it. */
        public boolean accepted() {
            return accepted;
        }
    }

    /**
     * Calls resent after {@code firstResendDelay} without an acknowledgement, then after twice as long, up to
     * {@code maxResendDelay} between two resends.
     */
    public PendingCalls(java.time.Duration firstResendDelay, java.time.Duration maxResendDelay) {
        this.firstResendDelayNanos = firstResendDelay.toNanos();
        this.maxResendDelayNanos = maxResendDelay.toNanos();
    }

    /** Tracks {@code call} until its results complete. */
    public void track(Pending call, List<CompletableFuture<StoredValue>> results) {
        call.resendDelay = firstResendDelayNanos;
        call.nextResendAt = System.nanoTime() + firstResendDelayNanos;
        unacknowledgedByActor.merge(call.actorId, 1, Integer::sum);
        pending.put(call.callId, call);
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            Pending done = pending.remove(call.callId);
            if (done != null) {
                uncount(done);
            }
        });
    }

    /** The actor of call {@code callId} received it on {@code node}. */
    public void accepted(String callId, String node) {
        Pending call = pending.get(callId);
        if (call != null) {
            call.node = node;
            call.accepted = true;
            uncount(call);
        }
    }

    /** Whether some call to actor {@code actorId} has not been acknowledged yet. */
    public boolean awaitsAcknowledgement(String actorId) {
        return unacknowledgedByActor.containsKey(actorId);
    }

    private void uncount(Pending call) {
        if (call.counted.compareAndSet(true, false)) {
            unacknowledgedByActor.computeIfPresent(call.actorId, (id, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The calls no actor has acknowledged yet. */
    public List<Pending> unacknowledged() {
        List<Pending> calls = new ArrayList<>();
        for (Pending call : pending.values()) {
            if (!call.accepted) {
                calls.add(call);
            }
        }
        return calls;
    }

    /**
     * The unacknowledged calls whose resend delay ran out by {@code nowNanos}; each counts as sent again now
     * and waits twice as long (up to {@code rayo.actor.call-resend-max-delay}) before its next resend.
     */
    public List<Pending> dueForResend(long nowNanos) {
        List<Pending> due = new ArrayList<>();
        for (Pending call : pending.values()) {
            if (!call.accepted && nowNanos - call.nextResendAt >= 0) {
                call.resendDelay = Math.min(maxResendDelayNanos, call.resendDelay * 2);
                call.nextResendAt = nowNanos + call.resendDelay;
                due.add(call);
            }
        }
        return due;
    }

    /** Every call in flight. */
    public List<Pending> inFlight() {
        return new ArrayList<>(pending.values());
    }

    /**
     * Removes and returns the calls lost with {@code node}: those its actors accepted. A call no actor
     * acknowledged is never lost with a node, even one its actor lived on: no actor took it, so it stays here
     * and is sent again (to the actor re-created elsewhere, or to find it dead), as the README promises.
     */
    public List<Pending> takeCallsOn(String node) {
        return takeAcceptedOn(node);
    }

    /**
     * Like {@link #takeCallsOn(String)}: {@code hostOf} is no longer read, since a call no actor acknowledged is
     * never lost with a node.
     */
    public List<Pending> takeCallsOn(String node, java.util.function.Function<String, String> hostOf) {
        return takeAcceptedOn(node);
    }

    private List<Pending> takeAcceptedOn(String node) {
        List<Pending> lost = new ArrayList<>();
        pending.forEach((id, c) -> {
            if (c.accepted && c.node.equals(node) && pending.remove(id, c)) {
                uncount(c);
                lost.add(c);
            }
        });
        return lost;
    }
}
