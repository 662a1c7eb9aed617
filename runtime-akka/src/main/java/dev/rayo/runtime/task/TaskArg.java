package dev.rayo.runtime.task;

import dev.rayo.runtime.RayoMessage;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.ownership.StoredValue;

/** One argument of a task or actor call: a value carried with the spec, or a ref resolved before the code runs. */
public sealed interface TaskArg extends RayoMessage {

    /** A value serialized at submission (inline, or in the store when large). */
    record Value(StoredValue value) implements TaskArg {
    }

    /** A ref whose object the function receives as a plain value. */
    record Ref(RayoObjectRef<?> ref) implements TaskArg {
    }
}
