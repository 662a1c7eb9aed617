package dev.rayo.runtime.ownership;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.spi.CurrentRuntime;

import java.io.ObjectStreamException;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rayo's {@link ObjectRef}: an object id and the address of the process that owns it. Each instance in the
 * owner's JVM counts as a live reference; when the last one is collected the owner may free the object.
 *
 * @param <T> the object's type
 */
public final class RayoObjectRef<T> implements ObjectRef<T> {
    private static final long serialVersionUID = 1L;
    private static final Cleaner CLEANER = Cleaner.create();

    private final String id;
    private final String ownerAddress;

    /** Owner addresses of refs whose owner is another process, shared by all refs naming them. */
    private static final int ADDRESS_CACHE_LIMIT = 1024;
    private static final Map<String, String> ADDRESSES = new ConcurrentHashMap<>();

    RayoObjectRef(String id, String ownerAddress) {
        this(id, ownerAddress, ObjectTable.forOwner(ownerAddress));
    }

    /** A ref counted by {@code owner} (when not null) as a live local reference. */
    private RayoObjectRef(String id, String ownerAddress, ObjectTable owner) {
        this.id = id;
        this.ownerAddress = ownerAddress;
        if (owner != null) {
            owner.refCreated(id);
            watch(this, owner, id);
        }
    }

    /** A ref that no owner table counts. */
    private RayoObjectRef(String id, String ownerAddress, Void uncounted) {
        this.id = id;
        this.ownerAddress = ownerAddress;
    }

    /** A new ref to an entry of {@code owner}; the caller counts it and {@link #watch watches} it. */
    static <T> RayoObjectRef<T> uncounted(String id, ObjectTable owner) {
        return new RayoObjectRef<>(id, owner.ownerAddress(), (Void) null);
    }

    /** Tells {@code owner} when {@code ref} is collected. */
    static void watch(RayoObjectRef<?> ref, ObjectTable owner, String id) {
        CLEANER.register(ref, () -> owner.refCollected(id));
    }

    /**
     * A ref argument of a task spec that arrived from serialized form: counted like a local ref in the
     * owner's process (it was not marked escaped when it left, see {@code TaskArgRefSerializer}).
     */
    public static <T> RayoObjectRef<T> forTaskArgument(String id, String ownerAddress) {
        ObjectTable owner = ObjectTable.forOwner(ownerAddress);
        return owner == null ? new RayoObjectRef<>(id, canonicalAddress(ownerAddress), (Void) null)
                : new RayoObjectRef<>(id, owner.ownerAddress(), owner);
    }

    /** A ref that arrived from serialized form; its object can no longer be freed by local counting alone. */
    public static <T> RayoObjectRef<T> arrived(String id, String ownerAddress) {
        ObjectTable owner = ObjectTable.forOwner(ownerAddress);
        if (owner == null) {
            return new RayoObjectRef<>(id, canonicalAddress(ownerAddress), (Void) null);
        }
        if (owner.refArrived(id)) {
            // The entry is marked escaped for good: local counting never frees it again, so this copy
            // needs neither a count nor a cleaner.
            return new RayoObjectRef<>(id, owner.ownerAddress(), (Void) null);
        }
        return new RayoObjectRef<>(id, owner.ownerAddress(), owner);
    }

    private static String canonicalAddress(String address) {
        String known = ADDRESSES.get(address);
        if (known != null) {
            return known;
        }
        if (ADDRESSES.size() >= ADDRESS_CACHE_LIMIT) {
            ADDRESSES.clear();
        }
        known = ADDRESSES.putIfAbsent(address, address);
        return known != null ? known : address;
    }

    /** The runtime's own ref behind {@code ref}; refs come only from Rayo, so anything else is a caller's error. */
    public static RayoObjectRef<?> of(ObjectRef<?> ref) {
        if (ref instanceof RayoObjectRef<?> r) {
            return r;
        }
        throw new IllegalArgumentException("not a Rayo object ref: " + ref);
    }

    /** Marks this ref as copied into serialized form (nested in a value or sent away). */
    public void escaping() {
        ObjectTable owner = ObjectTable.forOwner(ownerAddress);
        if (owner != null) {
            owner.refEscaped(id);
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The Akka address of the owning process's node. */
    public String ownerAddress() {
        return ownerAddress;
    }

    @Override
    public T get() {
        return CurrentRuntime.get().get(this);
    }

    @Override
    public T get(Duration timeout) {
        return CurrentRuntime.get().get(this, timeout);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<T> toCompletableFuture() {
        return ((FutureValues) CurrentRuntime.get()).futureValue(this);
    }

    /** Java serialization goes through {@link #arrived} too. */
    private Object readResolve() throws ObjectStreamException {
        return arrived(id, ownerAddress);
    }

    private Object writeReplace() throws ObjectStreamException {
        escaping();
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RayoObjectRef<?> other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ObjectRef(" + id + ")";
    }

    /** Implemented by the runtime: a non-blocking future of a ref's value. */
    public interface FutureValues {
        /** Completes with the decoded value or the error, without blocking a thread. */
        <T> CompletableFuture<T> futureValue(ObjectRef<T> ref);
    }
}
