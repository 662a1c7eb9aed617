package dev.rayo.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A reference to an immutable object that exists, or will exist, somewhere in the cluster.
 *
 * <p>Refs are serializable: put them, pass them to tasks and actors, nest them inside other objects;
 * whoever receives one can {@link #get()} it. The process that created the ref (by {@code put} or by
 * submitting the task that makes it) owns the object and keeps its status.
 *
 * @param <T> the type of the object
 */
public interface ObjectRef<T> extends Serializable {

    /** The object's id: 32 hex digits, unique in the cluster. */
    String id();

    /** Blocks until the object is available and returns it; same as {@code Rayo.get(this)}. */
    T get();

    /** Like {@link #get()}, but throws {@link dev.rayo.api.exception.RayoTimeoutException} after {@code timeout}. */
    T get(Duration timeout);

    /**
     * A future completed with the value (or the error) when the object is available; for
     * {@code CompletionStage} and Akka {@code pipeToSelf} interop. It never blocks a thread while waiting.
     */
    CompletableFuture<T> toCompletableFuture();
}
