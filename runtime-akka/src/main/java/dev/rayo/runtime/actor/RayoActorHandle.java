package dev.rayo.runtime.actor;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.spi.CallRequest;
import dev.rayo.api.spi.CurrentRuntime;
import dev.rayo.runtime.wire.RayoMessage;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.rayo.runtime.ownership.NestedRefs;
import dev.rayo.runtime.ownership.ReferenceCounter;

import java.io.ObjectStreamException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Rayo's {@link ActorHandle}: the actor's id (its sharding entity id) and class name. It holds no
 * reference to a runtime, so it can be serialized and used from any process of the cluster.
 *
 * <p>The handle of a non-detached actor also names the actor's owner (the process that created it) and is
 * counted like an object ref ({@link ReferenceCounter}, key {@link #key}): each instance in a process,
 * from its construction until the garbage collector finds it unreachable, and each copy serialized into a
 * value or a task's arguments while those bytes are kept. When none is left anywhere the owner destroys
 * the actor. Handles made without an owner (detached and persistent actors) are not counted.
 *
 * @param <A> the actor's class
 */
public final class RayoActorHandle<A> implements ActorHandle<A>, RayoMessage, KryoSerializable {
    private static final long serialVersionUID = 1L;
    private String actorId;
    private String className;
    private boolean persistent;
    private int maxTaskRetries;
    /** The process counting this actor's handles, or null when they are not counted. */
    private String ownerAddress;
    /** What keeps this instance counted while it is reachable ({@link ReferenceCounter#lease}), or null. */
    private transient Object lease;

    /** A handle to the in-memory actor {@code actorId} of class {@code className}. */
    public RayoActorHandle(String actorId, String className) {
        this(actorId, className, false, 0);
    }

    /** A handle to actor {@code actorId}; {@code persistent} for JOURNAL and CHECKPOINT actors. */
    public RayoActorHandle(String actorId, String className, boolean persistent) {
        this(actorId, className, persistent, 0);
    }

    /**
     * A handle to actor {@code actorId} whose calls in flight when the actor dies are sent again up to
     * {@code maxTaskRetries} times (to the re-created actor). Not counted: it never keeps the actor alive.
     */
    public RayoActorHandle(String actorId, String className, boolean persistent, int maxTaskRetries) {
        this(actorId, className, persistent, maxTaskRetries, null, null);
    }

    /**
     * A handle counted in {@code counter} (this process's), as a holder of the actor owned by
     * {@code ownerAddress}; uncounted when either is null.
     */
    public RayoActorHandle(String actorId, String className, boolean persistent, int maxTaskRetries,
                           String ownerAddress, ReferenceCounter counter) {
        this.actorId = actorId;
        this.className = className;
        this.persistent = persistent;
        this.maxTaskRetries = maxTaskRetries;
        this.ownerAddress = ownerAddress;
        count(counter);
    }

    /** The reference-counting key of actor {@code actorId}. */
    public static String key(String actorId) {
        return "actor:" + actorId;
    }

    private void count(ReferenceCounter counter) {
        if (ownerAddress != null && counter != null) {
            lease = counter.lease(key(actorId), ownerAddress);
        }
    }

    /** The process that counts this actor's handles, or null when they are not counted. */
    public String ownerAddress() {
        return ownerAddress;
    }

    /** Serialized into a value or task arguments: whoever keeps those bytes holds the actor (see NestedRefs). */
    @Override
    public void write(Kryo kryo, Output output) {
        if (ownerAddress != null && !NestedRefs.serialized(key(actorId), ownerAddress)) {
            holdForever();
        }
        output.writeString(actorId);
        output.writeString(className);
        output.writeBoolean(persistent);
        output.writeVarInt(maxTaskRetries, true);
        output.writeString(ownerAddress);
    }

    /** Read back: counted in the reading process, as the owner's handle or a borrowed one. */
    @Override
    @SuppressWarnings("unchecked")
    public void read(Kryo kryo, Input input) {
        actorId = input.readString();
        className = input.readString();
        persistent = input.readBoolean();
        maxTaskRetries = input.readVarInt(true);
        ownerAddress = input.readString();
        Object local = kryo.getContext().get(ReferenceCounter.KRYO_CONTEXT_KEY);
        count(local instanceof Supplier<?> s ? (ReferenceCounter) s.get() : null);
    }

    private void holdForever() {
        ReferenceCounter c = ReferenceCounter.forAddress(ownerAddress);
        if (c != null) {
            c.holdForever(key(actorId), ownerAddress);
        }
    }

    /** A Java-serialized copy can't be followed: the actor is held for good. */
    private Object writeReplace() throws ObjectStreamException {
        if (ownerAddress != null) {
            holdForever();
        }
        return this;
    }

    /** A Java-deserialized copy is counted when its owner lives in this JVM. */
    private Object readResolve() throws ObjectStreamException {
        return ownerAddress == null ? this : new RayoActorHandle<A>(actorId, className, persistent, maxTaskRetries,
                ownerAddress, ReferenceCounter.forAddress(ownerAddress));
    }

    /** How many times a call in flight when the actor dies is sent again. */
    public int maxTaskRetries() {
        return maxTaskRetries;
    }

    /** True for JOURNAL and CHECKPOINT actors, which live under their own sharding entity type. */
    public boolean persistent() {
        return persistent;
    }

    @Override
    public String actorId() {
        return actorId;
    }

    /** The actor's class name. */
    public String className() {
        return className;
    }

    @Override
    public void kill() {
        kill(true);
    }

    @Override
    public void kill(boolean noRestart) {
        CurrentRuntime.get().killActor(this, noRestart);
    }

    @Override
    public List<ObjectRef<Object>> submit(CallRequest request) {
        return CurrentRuntime.get().callActor(this, request);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RayoActorHandle<?> h && h.actorId.equals(actorId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actorId);
    }

    @Override
    public String toString() {
        return "ActorHandle(" + className + ", " + actorId + ")";
    }
}
