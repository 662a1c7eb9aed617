package dev.rayo.runtime.task;

import dev.rayo.api.ObjectRef;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.values.ValueStore;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the arguments of a task, actor constructor or actor call into {@link TaskArg}s, as Ray's
 * {@code ArgumentsBuilder} does: refs stay refs, small values travel inline in the spec, and a large value
 * is put in the store first and passed by a ref this process owns.
 */
public final class ArgumentEncoder {
    private final ValueStore values;
    private final ObjectTable objects;

    /** An encoder storing large values with {@code values}, owned in {@code objects}. */
    public ArgumentEncoder(ValueStore values, ObjectTable objects) {
        this.values = values;
        this.objects = objects;
    }

    /** The encoded form of {@code args}. */
    public List<TaskArg> encode(Object[] args) {
        List<TaskArg> out = new ArrayList<>(args.length);
        for (Object arg : args) {
            if (arg instanceof ObjectRef<?> ref) {
                out.add(new TaskArg.Ref(RayoObjectRef.of(ref)));
                continue;
            }
            String id = Ids.next();
            StoredValue stored = values.write(id, arg);
            if (stored instanceof StoredValue.Inline) {
                out.add(new TaskArg.Value(stored));
            } else {
                RayoObjectRef<Object> ref = objects.create(id);
                objects.complete(id, stored);
                out.add(new TaskArg.Ref(ref));
            }
        }
        return List.copyOf(out);
    }

    /** {@code n} new object ids, for the return values of one task or call. */
    public static List<String> newIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Ids.next());
        }
        return List.copyOf(ids);
    }
}
