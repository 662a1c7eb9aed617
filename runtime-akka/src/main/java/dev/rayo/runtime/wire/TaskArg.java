package dev.rayo.runtime.wire;

import dev.rayo.api.ObjectRef;

/** One argument of a task or actor call: a value carried with the spec, or a ref resolved before the code runs. */
public sealed interface TaskArg extends RayoMessage {

    /** A value serialized at submission (inline, or in the store when large). */
    record Value(StoredValue value) implements TaskArg {
    }

    /**
     * A ref whose object the function receives as a plain value. Typed as the API's ref so this vocabulary
     * stays a leaf; at run time it is always the ownership package's {@code RayoObjectRef}.
     */
    record Ref(ObjectRef<?> ref) implements TaskArg {
    }
}
