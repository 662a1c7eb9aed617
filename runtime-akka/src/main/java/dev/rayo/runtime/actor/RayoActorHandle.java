package dev.rayo.runtime.actor;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.spi.CallRequest;
import dev.rayo.api.spi.CurrentRuntime;
import dev.rayo.runtime.wire.RayoMessage;

import java.util.List;
import java.util.Objects;

/**
 * Rayo's {@link ActorHandle}: the actor's id (its sharding entity id) and class name. It holds no
 * reference to a runtime, so it can be serialized and used from any process of the cluster.
 *
 * @param <A> the actor's class
 */
public final class RayoActorHandle<A> implements ActorHandle<A>, RayoMessage {
    private static final long serialVersionUID = 1L;
    private final String actorId;
    private final String className;
    private final boolean persistent;
    private final int maxTaskRetries;

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
     * {@code maxTaskRetries} times (to the re-created actor).
     */
    public RayoActorHandle(String actorId, String className, boolean persistent, int maxTaskRetries) {
        this.actorId = actorId;
        this.className = className;
        this.persistent = persistent;
        this.maxTaskRetries = maxTaskRetries;
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
