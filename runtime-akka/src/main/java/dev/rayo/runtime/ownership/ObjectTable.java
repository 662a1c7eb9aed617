package dev.rayo.runtime.ownership;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The owner's record of every object it owns: its value or location once known, and how many live refs
 * in this JVM point at it. When the last local ref is collected and no copy of the ref escaped (serialized
 * into another object), the entry is dropped and {@code onRelease} frees its store copy.
 */
public final class ObjectTable {
    private static final Map<String, ObjectTable> BY_OWNER_ADDRESS = new ConcurrentHashMap<>();

    private final String ownerAddress;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Consumer<StoredValue> onRelease;

    private static final class Entry {
        final CompletableFuture<StoredValue> value = new CompletableFuture<>();
        final AtomicInteger localRefs = new AtomicInteger();
        volatile boolean escaped;
    }

    /** A table for the owner at {@code ownerAddress}; {@code onRelease} frees what a dropped entry held. */
    public ObjectTable(String ownerAddress, Consumer<StoredValue> onRelease) {
        this.ownerAddress = ownerAddress;
        this.onRelease = onRelease;
        BY_OWNER_ADDRESS.put(ownerAddress, this);
    }

    /** The table of a runtime in this JVM whose address is {@code ownerAddress}, or null. */
    static ObjectTable forOwner(String ownerAddress) {
        return BY_OWNER_ADDRESS.get(ownerAddress);
    }

    /** The owner address refs of this table carry. */
    public String ownerAddress() {
        return ownerAddress;
    }

    /** Registers a new object whose value will come later, and returns the first ref to it. */
    public <T> RayoObjectRef<T> create(String objectId) {
        entries.put(objectId, new Entry());
        return new RayoObjectRef<>(objectId, ownerAddress);
    }

    /** Records the value (or error) of an object; ignored (and freed) when the object was already released. */
    public void complete(String objectId, StoredValue value) {
        Entry e = entries.get(objectId);
        if (e == null || !e.value.complete(value)) {
            onRelease.accept(value);
        }
    }

    /** The future value of {@code objectId}, or null when this owner doesn't (or no longer does) hold it. */
    public CompletableFuture<StoredValue> lookup(String objectId) {
        Entry e = entries.get(objectId);
        return e == null ? null : e.value;
    }

    /** How many objects the table holds; for tests and status. */
    public int size() {
        return entries.size();
    }

    void refCreated(String objectId) {
        Entry e = entries.get(objectId);
        if (e != null) {
            e.localRefs.incrementAndGet();
        }
    }

    void refEscaped(String objectId) {
        Entry e = entries.get(objectId);
        if (e != null) {
            e.escaped = true;
        }
    }

    void refCollected(String objectId) {
        Entry e = entries.get(objectId);
        if (e != null && e.localRefs.decrementAndGet() == 0 && !e.escaped && entries.remove(objectId, e)) {
            StoredValue v = e.value.getNow(null);
            if (v != null) {
                onRelease.accept(v);
            }
        }
    }

    /** Fails every pending object (the runtime is stopping) and forgets this table. */
    public void close(StoredValue failure) {
        BY_OWNER_ADDRESS.remove(ownerAddress, this);
        entries.values().forEach(e -> e.value.complete(failure));
        entries.values().forEach(e -> onRelease.accept(e.value.getNow(failure)));
        entries.clear();
    }
}
