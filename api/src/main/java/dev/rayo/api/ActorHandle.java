package dev.rayo.api;

import java.io.Serializable;

/**
 * A handle to a remote actor. Serializable: pass it to tasks and other actors, which may call it.
 *
 * <p>{@code task(Counter::add, 5)} takes a method reference whose first parameter is the actor and up to
 * five arguments, each a value or an {@link ObjectRef}. Calls on one actor run one at a time, in the order
 * each caller submitted them; different actors run in parallel.
 *
 * @param <A> the actor's class
 */
public interface ActorHandle<A> extends ActorCalls<A>, Serializable {

    /** The actor's id, unique in the cluster. */
    String actorId();

    /** Kills the actor without restarting it; later calls fail with {@link dev.rayo.api.exception.RayoActorException}. */
    void kill();

    /**
     * Kills the actor at once, as {@link #kill()} does: the running call and every call not run yet fail with
     * {@link dev.rayo.api.exception.RayoActorException}. With {@code noRestart} false the actor is then
     * restarted (from its constructor, or by recovery for persistent actors) if it has restarts left, and calls
     * made after the restart run on the new instance; {@code kill(true)} is {@link #kill()}.
     */
    default void kill(boolean noRestart) {
        dev.rayo.api.spi.CurrentRuntime.get().killActor(this, noRestart);
    }

    /**
     * Submits one call; used by {@link ActorTaskCaller#remote()}. Programs call {@code task(...).remote()} instead.
     *
     * @return one ref per return value
     */
    java.util.List<ObjectRef<Object>> submit(dev.rayo.api.spi.CallRequest request);
}
