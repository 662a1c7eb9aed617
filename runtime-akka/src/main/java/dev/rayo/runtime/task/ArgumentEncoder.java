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

    /** The encoded form of {@code args}, every ref resolved to its value before the code runs. */
    public List<TaskArg> encode(Object[] args) {
        return encode(args, new boolean[0], 0);
    }

    /**
     * The encoded form of {@code args} for a function whose parameters declared {@code ObjectRef} are
     * {@code declaredRefs} (see {@link DeclaredRefs}), {@code args[i]} being parameter {@code offset + i}
     * (1 for actor methods, whose parameter 0 is the actor). A ref passed for a declared {@code ObjectRef}
     * travels as a value holding the ref, so the code receives the ref itself, unresolved, as a borrower;
     * any other ref is resolved and the code receives its value.
     */
    public List<TaskArg> encode(Object[] args, boolean[] declaredRefs, int offset) {
        List<TaskArg> out = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof ObjectRef<?> ref && !DeclaredRefs.isRef(declaredRefs, offset + i)) {
                out.add(new TaskArg.Ref(RayoObjectRef.of(ref)));
                continue;
            }
            if (arg instanceof ObjectRef<?> ref) {
                arg = RayoObjectRef.of(ref);
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
