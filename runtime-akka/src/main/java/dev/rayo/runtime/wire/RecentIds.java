package dev.rayo.runtime.wire;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The most recent ids seen (calls an actor received or had cancelled, objects a node deleted), bounded so
 * that memory does not grow with a long life's count: the late duplicate, cancel or pull they guard against
 * comes within seconds of the original, far inside the bound. Not thread-safe: callers confine or lock it.
 */
public final class RecentIds {
    private static final int CAPACITY = 10_000;

    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    /** Adds {@code id}; false when it was already there. */
    public boolean add(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > CAPACITY) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Whether {@code id} is there. */
    public boolean contains(String id) {
        return ids.contains(id);
    }

    /** Removes {@code id}; true when it was there. */
    public boolean remove(String id) {
        return ids.remove(id);
    }
}
