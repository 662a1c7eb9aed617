package dev.rayo.runtime.cluster;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes removed from the cluster a moment ago. Just after a removal, the local shard region may still
 * route to the dead node's region, and reports sent by the dead node may still sit in mailboxes: callers
 * hold back calls to its actors, and owners ignore its stale reports, for {@code rayo.actor.removed-node-delay}.
 */
public final class RecentRemovals {
    private final ConcurrentHashMap<String, Long> removedAt = new ConcurrentHashMap<>();
    private final Duration grace;

    /** Remembers removals for {@code grace}. */
    public RecentRemovals(Duration grace) {
        this.grace = grace;
    }

    /** The node at {@code address} was removed now. */
    public void removed(String address) {
        removedAt.put(address, System.nanoTime());
    }

    /** Whether the node at {@code address} was removed less than the grace period ago. */
    public boolean removedJustNow(String address) {
        Long at = removedAt.get(address);
        return at != null && System.nanoTime() - at < grace.toNanos();
    }

    /** How long after a removal calls are held back. */
    public Duration grace() {
        return grace;
    }
}
