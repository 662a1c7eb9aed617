package dev.rayo.runtime.ownership;

import java.util.concurrent.CompletableFuture;

/** Finds where a ref's value is: in this process's own table, or by asking its owner. */
public interface ObjectResolver {

    /** Completes with the stored value (or a {@link StoredValue.Failed}) when the object is ready; never blocks. */
    CompletableFuture<StoredValue> resolve(RayoObjectRef<?> ref);

    /** The value or location of {@code ref} when this process owns it and already knows it; else null. */
    StoredValue peek(RayoObjectRef<?> ref);
}
