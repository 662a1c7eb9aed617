package dev.rayo.runtime.task;

import dev.rayo.runtime.serialization.LambdaSerializer;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayList;
import java.util.List;

/**
 * Which parameters of a task function, actor constructor or actor method are declared {@code ObjectRef}:
 * API.md's rule is that such a parameter receives the ref itself, unresolved, and every other parameter
 * the value. Read once per function class from its {@link SerializedLambda}: the implementation method's
 * descriptor, with the receiver of an instance method in front (an actor method reference's first
 * parameter is the actor) and the values the lambda captured skipped.
 */
public final class DeclaredRefs {
    private static final String OBJECT_REF = "dev/rayo/api/ObjectRef";
    private static final boolean[] NONE = new boolean[0];
    private static final ClassValue<Holder> BY_CLASS = new ClassValue<>() {
        @Override
        protected Holder computeValue(Class<?> type) {
            return new Holder();
        }
    };

    private static final class Holder {
        volatile boolean[] refs;
    }

    private DeclaredRefs() {
    }

    /**
     * For each parameter of {@code function} (in the order the function is applied), whether it is declared
     * {@code ObjectRef}; an empty array when the function is not a lambda or method reference.
     */
    public static boolean[] of(Object function) {
        Holder holder = BY_CLASS.get(function.getClass());
        boolean[] refs = holder.refs;
        if (refs == null) {
            SerializedLambda lambda = LambdaSerializer.serializedLambda(function);
            refs = lambda == null ? NONE : compute(lambda);
            holder.refs = refs;
        }
        return refs;
    }

    /** Whether parameter {@code position} of a function with {@code refs} is declared {@code ObjectRef}. */
    public static boolean isRef(boolean[] refs, int position) {
        return position >= 0 && position < refs.length && refs[position];
    }

    static boolean[] compute(SerializedLambda lambda) {
        List<Boolean> all = new ArrayList<>();
        int kind = lambda.getImplMethodKind();
        if (kind == MethodHandleInfo.REF_invokeVirtual || kind == MethodHandleInfo.REF_invokeInterface
                || kind == MethodHandleInfo.REF_invokeSpecial) {
            all.add(lambda.getImplClass().equals(OBJECT_REF));
        }
        all.addAll(parameterIsRef(lambda.getImplMethodSignature()));
        int captured = Math.min(lambda.getCapturedArgCount(), all.size());
        List<Boolean> visible = all.subList(captured, all.size());
        boolean[] refs = new boolean[visible.size()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = visible.get(i);
        }
        return refs;
    }

    /** For each parameter of a method descriptor such as {@code (JLdev/rayo/api/ObjectRef;[I)V}, whether it is an ObjectRef. */
    static List<Boolean> parameterIsRef(String descriptor) {
        List<Boolean> out = new ArrayList<>();
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            int start = i;
            while (descriptor.charAt(i) == '[') {
                i++;
            }
            if (descriptor.charAt(i) == 'L') {
                int end = descriptor.indexOf(';', i);
                out.add(start == i && descriptor.substring(i + 1, end).equals(OBJECT_REF));
                i = end + 1;
            } else {
                out.add(false);
                i++;
            }
        }
        return out;
    }
}
