package dev.rayo.runtime.task;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.function.RayoFunc2;
import dev.rayo.api.function.RayoFunc3;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which parameters are declared ObjectRef, by the function's own parameter positions. */
class DeclaredRefsTest {

    static long mixed(long a, ObjectRef<byte[]> ref, ObjectRef<byte[]>[] refs) {
        return a;
    }

    /** An actor-like class: its instance methods take the receiver as parameter 0. */
    static class Holder {
        long take(ObjectRef<byte[]> ref, double d) {
            return 0;
        }
    }

    @Test
    void staticMethodReference() {
        RayoFunc3<Long, ObjectRef<byte[]>, ObjectRef<byte[]>[], Long> fn = DeclaredRefsTest::mixed;
        assertArrayEquals(new boolean[] {false, true, false}, DeclaredRefs.of(fn), "an array of refs is a value");
    }

    @Test
    void instanceMethodReferenceHasTheReceiverFirst() {
        RayoFunc3<Holder, ObjectRef<byte[]>, Double, Long> fn = Holder::take;
        assertArrayEquals(new boolean[] {false, true, false}, DeclaredRefs.of(fn));
    }

    @Test
    void capturedValuesAreNotParameters() {
        ObjectRef<byte[]> captured = null;
        long k = 3;
        RayoFunc2<Integer, ObjectRef<String>, String> fn = (n, ref) -> n + k + String.valueOf(captured) + ref;
        assertArrayEquals(new boolean[] {false, true}, DeclaredRefs.of(fn));
        Holder holder = new Holder();
        RayoFunc2<ObjectRef<byte[]>, Double, Long> bound = holder::take;
        assertArrayEquals(new boolean[] {true, false}, DeclaredRefs.of(bound), "a bound receiver is captured");
    }

    @Test
    void descriptorsWithWidePrimitivesAndArrays() {
        assertEquals(List.of(false, false, true, false, false),
                DeclaredRefs.parameterIsRef("(J[DLdev/rayo/api/ObjectRef;[Ldev/rayo/api/ObjectRef;Ljava/lang/String;)V"));
    }

    @Test
    void somethingThatIsNotALambdaHasNoDeclaredRefs() {
        assertEquals(0, DeclaredRefs.of(new Object()).length);
    }
}
