package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.StoredValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner's record of where each of its unfinished tasks is (the last node that reported queueing or
 * running it), so that when a node dies the tasks it held can be submitted again elsewhere.
 *
 * @param <S> the task spec type
 */
public final class TaskTracker<S> {
    private final ConcurrentHashMap<String, Tracked<S>> pending = new ConcurrentHashMap<>();

    private static final class Tracked<S> {
        final S spec;
        volatile String node;
        volatile int hops = -1;

        Tracked(S spec, String node) {
            this.spec = spec;
            this.node = node;
        }
    }

    /** Starts tracking a task submitted on {@code node}, until every one of {@code results} completes. */
    public void track(String taskId, S spec, String node, List<CompletableFuture<StoredValue>> results) {
        pending.put(taskId, new Tracked<>(spec, node));
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> pending.remove(taskId));
    }

    /** A scheduler reports holding the task after {@code hops} forwards; the report with most hops wins. */
    public void placed(String taskId, String node, int hops) {
        Tracked<S> t = pending.get(taskId);
        if (t != null) {
            synchronized (t) {
                if (hops >= t.hops) {
                    t.hops = hops;
                    t.node = node;
                }
            }
        }
    }

    /** Removes and returns the unfinished tasks last seen on {@code node}. */
    public List<S> takeTasksOn(String node) {
        List<S> lost = new ArrayList<>();
        pending.forEach((id, t) -> {
            if (node.equals(t.node) && pending.remove(id, t)) {
                lost.add(t.spec);
            }
        });
        return lost;
    }

    /** How many tasks are unfinished. */
    public int size() {
        return pending.size();
    }
}
