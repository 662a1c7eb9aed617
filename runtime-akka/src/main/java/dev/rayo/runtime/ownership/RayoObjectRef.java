package dev.rayo.runtime.ownership;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.spi.CurrentRuntime;

import java.io.ObjectStreamException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rayo's {@link ObjectRef}: an object id and the address of the process that owns it. Each instance counts
 * as one local reference in the {@link ReferenceCounter} of the process it lives in (the owner's, or a
 * borrower's), from its construction until the garbage collector finds it unreachable: Java has no
 * destructors, so the object is released at the first collection after the program drops its last ref.
 * A ref serialized into a value or a task's arguments is held by whoever keeps those bytes
 * ({@link NestedRefs}); one serialized any other way (Java serialization) is held for good.
 *
 * @param <T> the object's type
 */
public final class RayoObjectRef<T> implements ObjectRef<T> {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String ownerAddress;
    /** The counter this instance is counted in, or null when it is not counted. */
    private final transient ReferenceCounter counter;
    /** What keeps this instance counted in {@code counter} while it is reachable ({@link ReferenceCounter#lease}). */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final transient Object lease;

    /** Owner addresses of refs whose owner is another process, shared by all refs naming them. */
    private static final int ADDRESS_CACHE_LIMIT = 1024;
    private static final Map<String, String> ADDRESSES = new ConcurrentHashMap<>();

    /** A ref counted by {@code counter} (when not null) as a live local reference. */
    private RayoObjectRef(String id, String ownerAddress, ReferenceCounter counter) {
        this.id = id;
        this.ownerAddress = ownerAddress;
        this.counter = counter;
        this.lease = counter != null ? counter.lease(id, ownerAddress) : null;
    }

    /** A new counted ref to an object of {@code counter}'s process. */
    static <T> RayoObjectRef<T> owned(String id, ReferenceCounter counter) {
        return new RayoObjectRef<>(id, counter.selfAddress(), counter);
    }

    /**
     * A ref that arrived from serialized form in the process whose counter is {@code local} (null when
     * unknown): counted there, as the owner's own ref or as a borrowed one.
     */
    public static <T> RayoObjectRef<T> arrived(String id, String ownerAddress, ReferenceCounter local) {
        ReferenceCounter counter = local != null ? local : ReferenceCounter.forAddress(ownerAddress);
        String address = counter != null && counter.selfAddress().equals(ownerAddress) ? counter.selfAddress()
                : canonicalAddress(ownerAddress);
        return new RayoObjectRef<>(id, address, counter);
    }

    /**
     * A ref argument of a task spec that arrived from serialized form: counted only when its owner lives in
     * this JVM, never as a borrow. The function receives the object's value, not this ref, and the submitter
     * holds the ref until the task's results arrive (Ray's submitted-task reference); counting it as a
     * borrow would keep the object until the executor's JVM happens to collect the spec. Code that hands
     * such a ref to user code (a parameter declared {@code ObjectRef}) must hand {@link #heldIn} a copy
     * counted in the executing process instead.
     */
    public static <T> RayoObjectRef<T> forTaskArgument(String id, String ownerAddress) {
        ReferenceCounter owner = ReferenceCounter.forAddress(ownerAddress);
        return owner != null ? new RayoObjectRef<>(id, owner.selfAddress(), owner)
                : new RayoObjectRef<>(id, canonicalAddress(ownerAddress), (ReferenceCounter) null);
    }

    /** A copy of this ref counted in {@code local}, the process that keeps it (as the owner's ref or a borrow). */
    public RayoObjectRef<T> heldIn(ReferenceCounter local) {
        return arrived(id, ownerAddress, local);
    }

    /** Like {@link #arrived(String, String, ReferenceCounter)}, counted in the owner's process if it is in this JVM. */
    public static <T> RayoObjectRef<T> arrived(String id, String ownerAddress) {
        return arrived(id, ownerAddress, null);
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

    /**
     * This ref is being copied into serialized form: the value or task being encoded holds it
     * ({@link NestedRefs}), or, when nothing tracks the copy, its object is held for good.
     */
    public void escaping() {
        if (!NestedRefs.serialized(id, ownerAddress)) {
            ReferenceCounter c = counter != null ? counter : ReferenceCounter.forAddress(ownerAddress);
            if (c != null) {
                c.holdForever(id, ownerAddress);
            }
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

    /** A Java-serialized copy can't be followed: its object is held for good (see {@link #escaping}). */
    private Object writeReplace() throws ObjectStreamException {
        ReferenceCounter c = counter != null ? counter : ReferenceCounter.forAddress(ownerAddress);
        if (c != null) {
            c.holdForever(id, ownerAddress);
        }
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
