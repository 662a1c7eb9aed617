package dev.rayo.api;

import dev.rayo.api.function.RayoFunc2;
import dev.rayo.api.spi.CallRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaskCallerTest {
    private final Capturing capturing = new Capturing();
    private final RayoFunc2<Integer, Integer, Integer> sum = Capturing::sum;

    @Test
    void remoteSubmitsTheFunctionAndArgumentsWithTheDefaults() {
        ObjectRef<Integer> ref = capturing.runtime.task(sum, 1, 2).remote();

        CallRequest request = capturing.call();
        assertSame(sum, request.function());
        assertArrayEquals(new Object[] {1, 2}, request.args());
        assertEquals(Map.of(), request.resources());
        assertEquals(1, request.numReturns());
        assertEquals(-1, request.maxRetries());
        assertEquals(false, request.retryExceptions());
        assertEquals(null, request.name());
        assertEquals("ref-0", ref.id());
    }

    @Test
    void aRefArgumentIsPassedAsTheRefItself() {
        ObjectRef<Integer> two = new Capturing.Ref<>("two");

        capturing.runtime.task(sum, 1, two).remote();

        assertArrayEquals(new Object[] {1, two}, capturing.call().args());
    }

    @Test
    void optionsReachTheRequest() {
        capturing.runtime.task(sum, 1, 2)
                .setResource("CPU", 2)
                .setResources(Map.of("GPU", 0.5, "CPU", 1.0))
                .setMaxRetries(5)
                .setRetryExceptions(true)
                .setName("sum")
                .remote();

        CallRequest request = capturing.call();
        assertEquals(Map.of("CPU", 1.0, "GPU", 0.5), request.resources());
        assertEquals(5, request.maxRetries());
        assertEquals(true, request.retryExceptions());
        assertEquals("sum", request.name());
    }

    @Test
    void eachSubmissionTakesASnapshotOfTheResources() {
        TaskCaller<Integer> caller = capturing.runtime.task(sum, 1, 2).setResource("CPU", 1);
        caller.remote();
        caller.setResource("GPU", 1).remote();

        assertEquals(List.of(Map.of("CPU", 1.0), Map.of("CPU", 1.0, "GPU", 1.0)),
                capturing.calls.stream().map(CallRequest::resources).toList());
        assertThrows(UnsupportedOperationException.class, () -> capturing.calls.get(0).resources().put("X", 1.0));
    }

    @Test
    void remoteManyReturnsOneRefPerReturnValue() {
        List<ObjectRef<Object>> refs = capturing.runtime.task(sum, 1, 2).setNumReturns(3).remoteMany();

        assertEquals(List.of("ref-0", "ref-1", "ref-2"), refs.stream().map(ObjectRef::id).toList());
        assertEquals(3, capturing.call().numReturns());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void setNumReturnsRefusesLessThanOne(int n) {
        TaskCaller<Integer> caller = capturing.runtime.task(sum, 1, 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> caller.setNumReturns(n));

        assertEquals("numReturns must be at least 1, was " + n, e.getMessage());
        caller.remote();
        assertEquals(1, capturing.call().numReturns());
    }

    @Test
    void remoteRefusesSeveralReturnsAndSubmitsNothing() {
        TaskCaller<Integer> caller = capturing.runtime.task(sum, 1, 2).setNumReturns(2);

        IllegalStateException e = assertThrows(IllegalStateException.class, caller::remote);

        assertEquals("setNumReturns(2) was called: use remoteMany()", e.getMessage());
        assertEquals(List.of(), capturing.calls);
    }
}
