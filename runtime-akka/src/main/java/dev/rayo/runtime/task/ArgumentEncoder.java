package dev.rayo.runtime.task;

import dev.rayo.api.ObjectRef;
import dev.rayo.runtime.ownership.NestedRefs;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.ownership.ReferenceCounter;
import dev.rayo.runtime.values.ValueStore;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

    /**
     * Encoded arguments, and the refs and handles nested in the values that travel inline ({@code held},
     * pinned in this process's counter): the caller releases them once the task's results arrive, the
     * executor having registered its own borrows by then. Refs nested in a value put in the store are held
     * by that object instead.
     */
    public record Encoded(List<TaskArg> args, List<NestedRefs.Held> held, byte[] function) {
        /** Encoded arguments. */
        public Encoded(List<TaskArg> args, List<NestedRefs.Held> held) {
            this(args, held, null);
        }

        /** Releases {@link #held} once every one of {@code results} completes. */
        public void releaseWhenDone(ReferenceCounter counter, List<CompletableFuture<StoredValue>> results) {
            if (!held.isEmpty()) {
                CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                        .whenComplete((v, e) -> NestedRefs.release(counter, held));
            }
        }
    }

    /**
     * The encoded form of {@code args}, every ref resolved to its value before the code runs, holding the refs
     * nested in inline values for good.
     */
    public List<TaskArg> encode(Object[] args) {
        return encode(args, new boolean[0], 0);
    }

    /**
     * Like {@link #encodeHeld(Object[], boolean[], int)}, holding the refs nested in inline values for good
     * (actor constructors: a re-created actor decodes them again).
     */
    public List<TaskArg> encode(Object[] args, boolean[] declaredRefs, int offset) {
        return encodeHeld(args, declaredRefs, offset).args();
    }

    /** The encoded form of {@code args}, every ref resolved, with nested refs to {@linkplain Encoded release}. */
    public Encoded encodeHeld(Object[] args) {
        return encodeHeld(args, new boolean[0], 0);
    }

    /**
     * The encoded form of {@code args} for a function whose parameters declared {@code ObjectRef} are
     * {@code declaredRefs} (see {@link DeclaredRefs}), {@code args[i]} being parameter {@code offset + i}
     * (1 for actor methods, whose parameter 0 is the actor), with the refs nested in inline values to
     * {@linkplain Encoded release}. A ref passed for a declared {@code ObjectRef} travels as a value holding
     * the ref, so the code receives the ref itself, unresolved, as a borrower; any other ref is resolved and
     * the code receives its value.
     */
    public Encoded encodeHeld(Object[] args, boolean[] declaredRefs, int offset) {
        List<TaskArg> out = new ArrayList<>(args.length);
        List<NestedRefs.Held> held = new ArrayList<>(0);
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
            StoredValue stored;
            List<NestedRefs.Held> nested;
            try (NestedRefs capture = NestedRefs.open()) {
                stored = values.write(id, arg);
                nested = capture.pinIn(objects.counter());
            }
            if (stored instanceof StoredValue.Inline) {
                out.add(new TaskArg.Value(stored));
                held.addAll(nested);
            } else {
                RayoObjectRef<Object> ref = objects.create(id);
                objects.complete(id, stored, nested);
                out.add(new TaskArg.Ref(ref));
            }
        }
        return new Encoded(List.copyOf(out), held.isEmpty() ? List.of() : List.copyOf(held));
    }

    /**
     * The encoded function ({@link Encoded#function}), with the refs and handles a lambda captured, held
     * like those of inline arguments.
     */
    public Encoded encodeFunction(java.io.Serializable function, FunctionCodec functions) {
        try (NestedRefs capture = NestedRefs.open()) {
            byte[] bytes = functions.encode(function);
            return new Encoded(List.of(), capture.pinIn(objects.counter()), bytes);
        }
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
