package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.RayoMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The refs and actor handles serialized into one value while this thread encodes it (Ray's "contained"
 * refs): whoever keeps the bytes must hold them, since anyone may decode the bytes later. Serialization
 * calls {@link #serialized}; with no capture open on the thread the copy can't be followed, and the key is
 * held for good.
 */
public final class NestedRefs implements AutoCloseable {
    private static final ThreadLocal<NestedRefs> CURRENT = new ThreadLocal<>();

    /** One key held through serialized bytes, with the address of its owner. */
    public record Held(String key, String ownerAddress) implements RayoMessage {
    }

    private final NestedRefs outer;
    private List<Held> held;

    private NestedRefs(NestedRefs outer) {
        this.outer = outer;
    }

    /** Starts capturing on this thread; close it in the same thread (try-with-resources). */
    public static NestedRefs open() {
        NestedRefs capture = new NestedRefs(CURRENT.get());
        CURRENT.set(capture);
        return capture;
    }

    /**
     * {@code key} (owned by {@code ownerAddress}) is being serialized on this thread: true when a capture
     * took note of it; false when none is open (the caller then holds it for good).
     */
    public static boolean serialized(String key, String ownerAddress) {
        NestedRefs capture = CURRENT.get();
        if (capture == null || ownerAddress == null) {
            return false;
        }
        if (capture.held == null) {
            capture.held = new ArrayList<>(2);
        }
        capture.held.add(new Held(key, ownerAddress));
        return true;
    }

    /** What was serialized since {@link #open}; empty (and shared) when nothing was. */
    public List<Held> held() {
        return held == null ? List.of() : List.copyOf(held);
    }

    /**
     * Holds every captured key in {@code counter} (a pin each) and returns them, to be {@link #release}d by
     * whoever keeps the bytes once the bytes are gone.
     */
    public List<Held> pinIn(ReferenceCounter counter) {
        List<Held> keys = held();
        keys.forEach(h -> counter.increment(h.key(), h.ownerAddress()));
        return keys;
    }

    /** Releases pins taken by {@link #pinIn}. */
    public static void release(ReferenceCounter counter, List<Held> pins) {
        pins.forEach(h -> counter.decrement(h.key(), h.ownerAddress()));
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
