package dev.rayo.api;

/** What survives when an actor's node dies. */
public enum ActorPersistence {
    /** State lives in memory; on failure the actor is re-created from its constructor, up to {@code maxRestarts} times. */
    NONE,
    /** A snapshot of the state every N calls (configurable), plus replay of the calls since. */
    CHECKPOINT,
    /** Every call is durable before it runs; after a failure the state is exactly what the acknowledged calls made. */
    JOURNAL
}
