package dev.rayo.api;

/** How long an actor lives (Ray's {@code lifetime}). */
public enum ActorLifetime {
    /**
     * The default: the actor is destroyed, and its resources freed, once no process holds a handle to it
     * (handles passed to tasks and actors, or nested in objects, count as held). A name does not keep it
     * alive. Handles are released when the garbage collector finds them unreachable, so the actor goes some
     * time after its last handle is dropped, not at once.
     */
    NON_DETACHED,
    /** The actor lives until it is killed, whatever becomes of its handles. */
    DETACHED
}
