package dev.rayo.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The mailbox between the trials and the tuner's control loop, a 0-CPU Rayo actor: the driver is not an actor and
 * cannot be called, so trials call this one ({@link #report}, answered later), and the control loop long-polls
 * it ({@link #poll}) and sends the decisions back ({@link #answer}). Its methods are async actor calls, so a
 * waiting trial or poll holds no actor thread; the methods are synchronized because a poll's timeout completes
 * on a timer thread.
 */
public final class ReportRelay {
    private static final long POLL_MILLIS = 200;

    private final List<Pending> queue = new ArrayList<>();
    private final Map<Long, CompletableFuture<Boolean>> waiting = new HashMap<>();
    private CompletableFuture<List<Pending>> poller;
    private long nextSeq;

    /** Made by the tuner. */
    public ReportRelay() {
    }

    /** A report waiting for its decision: {@code seq} is what {@link #answer} names. */
    record Pending(long seq, TrialReport report) implements java.io.Serializable {
    }

    /** Queues a trial's report; completes with true when the trial goes on, false when it must end. */
    public synchronized CompletionStage<Boolean> report(TrialReport report) {
        long seq = nextSeq++;
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        waiting.put(seq, answer);
        queue.add(new Pending(seq, report));
        if (poller != null && !poller.isDone()) {
            List<Pending> batch = drain();
            if (!poller.complete(batch)) {
                queue.addAll(0, batch);
            }
        }
        return answer;
    }

    /** The queued reports, at once if any, else as soon as one arrives or after a short timeout (empty). */
    public synchronized CompletionStage<List<Pending>> poll() {
        if (!queue.isEmpty()) {
            return CompletableFuture.completedFuture(drain());
        }
        poller = new CompletableFuture<List<Pending>>().completeOnTimeout(List.of(), POLL_MILLIS, TimeUnit.MILLISECONDS);
        return poller;
    }

    /** Sends decisions: {@code seq -> go on}. */
    public synchronized boolean answer(Map<Long, Boolean> decisions) {
        decisions.forEach((seq, goOn) -> {
            CompletableFuture<Boolean> f = waiting.remove(seq);
            if (f != null) {
                f.complete(goOn);
            }
        });
        return true;
    }

    /** Ends every waiting trial: the experiment is over or aborted. */
    public synchronized boolean stopAll() {
        waiting.values().forEach(f -> f.complete(false));
        waiting.clear();
        queue.clear();
        return true;
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>(queue);
        queue.clear();
        return batch;
    }
}
