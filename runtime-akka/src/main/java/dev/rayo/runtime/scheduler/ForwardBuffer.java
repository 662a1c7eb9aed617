package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.wire.WireSizes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The tasks a scheduler spills to other nodes, gathered per target node while its mailbox holds more work,
 * so that a burst of submissions crosses the network as a few messages of many specs rather than one
 * message (one Artery envelope, one serialization, one remote dispatch) per task. A target's batch leaves
 * when the scheduler flushes (after the messages queued with the first forward) or as soon as it reaches
 * {@link WireSizes#BATCH_BUDGET_BYTES} or {@code maxTasks}. Used by the scheduler's thread only.
 */
final class ForwardBuffer {
    private final int maxTasks;
    private final Map<String, Batch> pending = new HashMap<>();

    private static final class Batch {
        final List<NodeScheduler.Submit> submits = new ArrayList<>();
        int bytes;
    }

    /** A buffer sending at most {@code maxTasks} specs per message. */
    ForwardBuffer(int maxTasks) {
        this.maxTasks = maxTasks;
    }

    /**
     * Adds {@code submit} for {@code target}, sending the target's batch through {@code send} when it is full.
     *
     * @return true when the buffer was empty before, so the caller schedules one flush
     */
    boolean add(String target, NodeScheduler.Submit submit, BiConsumer<String, List<NodeScheduler.Submit>> send) {
        boolean wasEmpty = pending.isEmpty();
        int size = WireSizes.of(submit.spec());
        Batch batch = pending.get(target);
        if (batch != null && batch.bytes + size > WireSizes.BATCH_BUDGET_BYTES) {
            pending.remove(target);
            send.accept(target, batch.submits);
            batch = null;
        }
        if (batch == null) {
            batch = new Batch();
            pending.put(target, batch);
        }
        batch.submits.add(submit);
        batch.bytes += size;
        if (batch.submits.size() >= maxTasks) {
            pending.remove(target);
            send.accept(target, batch.submits);
        }
        return wasEmpty;
    }

    /** Sends every gathered batch through {@code send}. */
    void flush(BiConsumer<String, List<NodeScheduler.Submit>> send) {
        if (pending.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Batch>> batches = new ArrayList<>(pending.entrySet());
        pending.clear();
        for (Map.Entry<String, Batch> e : batches) {
            send.accept(e.getKey(), e.getValue().submits);
        }
    }

    /** Whether nothing waits to be sent. */
    boolean isEmpty() {
        return pending.isEmpty();
    }
}
