/**
 * Actors: the caller's {@code ActorSubmitter} (creation, calls, kills, resends of unacknowledged calls with
 * {@code PendingCalls}); the two hosts, {@code ActorHost} (in memory, one behavior per state) and
 * {@code PersistentActorHost} (journaled); their sharding set-up and placement; the gossiped actor table
 * and named-actor directory; the journal schema.
 */
package dev.rayo.runtime.actor;
