package dev.rayo.runtime.actor;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The most recent call ids an actor saw (received, or cancelled before they arrived), bounded so that a
 * long-lived actor's memory does not grow with its call count. Duplicates and late cancels come within
 * seconds of the original, far inside the bound.
 */
final class RecentIds {
    private static final int CAPACITY = 10_000;

    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    /** Adds {@code id}; false when it was already there. */
    boolean add(String id) {
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
    boolean contains(String id) {
        return ids.contains(id);
    }

    /** Removes {@code id}; true when it was there. */
    boolean remove(String id) {
        return ids.remove(id);
    }
}
