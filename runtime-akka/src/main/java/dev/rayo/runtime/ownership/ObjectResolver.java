package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.api.ObjectRef;
import java.util.concurrent.CompletableFuture;

/** Finds where a ref's value (always a {@link RayoObjectRef}) is: in this process's own table, or by asking its owner. */
public interface ObjectResolver {

    /** Completes with the stored value (or a {@link StoredValue.Failed}) when the object is ready; never blocks. */
    CompletableFuture<StoredValue> resolve(ObjectRef<?> ref);

    /** The value or location of {@code ref} when this process owns it and already knows it; else null. */
    StoredValue peek(ObjectRef<?> ref);
}
