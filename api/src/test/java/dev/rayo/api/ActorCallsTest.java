package dev.rayo.api;

import dev.rayo.api.function.RayoFunc1;
import dev.rayo.api.function.RayoFunc2;
import dev.rayo.api.spi.ActorRequest;
import dev.rayo.api.spi.CallRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link ActorCreator} and {@link ActorTaskCaller}: the requests they build. */
class ActorCallsTest {
    private final Capturing capturing = new Capturing();
    private final RayoFunc1<Integer, Capturing.Counter> newCounter = Capturing.Counter::new;
    private final RayoFunc2<Capturing.Counter, Integer, Integer> add = Capturing.Counter::add;

    @Test
    void createWithTheDefaults() {
        ActorHandle<Capturing.Counter> handle = capturing.runtime.actor(newCounter, 5).remote();

        ActorRequest request = capturing.actorRequest();
        assertSame(capturing.actor, handle);
        assertSame(newCounter, request.constructor());
        assertArrayEquals(new Object[] {5}, request.args());
        assertEquals(Map.of(), request.resources());
        assertEquals(null, request.name());
        assertEquals(-1, request.maxRestarts());
        assertEquals(0, request.maxTaskRetries());
        assertEquals(ActorPersistence.NONE, request.persistence());
        assertEquals(1, request.maxConcurrency());
    }

    @Test
    void maxConcurrencyReachesTheRequestAndMustBePositive() {
        capturing.runtime.actor(newCounter, 5).setMaxConcurrency(8).remote();

        assertEquals(8, capturing.actorRequest().maxConcurrency());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> capturing.runtime.actor(newCounter, 5).setMaxConcurrency(0));
        assertEquals("maxConcurrency must be at least 1, got 0", e.getMessage());
    }

    @Test
    void taskAsyncMarksTheCallAsync() {
        RayoFunc2<Capturing.Counter, Integer, java.util.concurrent.CompletionStage<Integer>> addLater =
                (c, n) -> java.util.concurrent.CompletableFuture.completedFuture(c.add(n));
        ObjectRef<Integer> ref = capturing.actor.taskAsync(addLater, 3).remote();

        CallRequest request = capturing.call();
        assertEquals(true, request.async());
        assertArrayEquals(new Object[] {3}, request.args());
        assertEquals("ref-0", ref.id());
    }

    @Test
    void createOptionsReachTheRequest() {
        capturing.runtime.actor(newCounter, 5)
                .setName("counter")
                .setResource("CPU", 1)
                .setResources(Map.of("GPU", 1.0))
                .setMaxRestarts(3)
                .setMaxTaskRetries(2)
                .setPersistence(ActorPersistence.JOURNAL)
                .remote();

        ActorRequest request = capturing.actorRequest();
        assertEquals("counter", request.name());
        assertEquals(Map.of("CPU", 1.0, "GPU", 1.0), request.resources());
        assertEquals(3, request.maxRestarts());
        assertEquals(2, request.maxTaskRetries());
        assertEquals(ActorPersistence.JOURNAL, request.persistence());
        assertThrows(UnsupportedOperationException.class, () -> request.resources().put("X", 1.0));
    }

    @Test
    void aCallHoldsNoResourcesAndIsNotRetried() {
        ObjectRef<Integer> ref = capturing.actor.task(add, 3).setName("add").remote();

        CallRequest request = capturing.call();
        assertSame(add, request.function());
        assertArrayEquals(new Object[] {3}, request.args());
        assertEquals(new CallRequest(add, request.args(), Map.of(), 1, 0, false, "add"), request);
        assertEquals(false, request.async());
        assertEquals("ref-0", ref.id());
    }

    @Test
    void aCallWithSeveralReturnsGoesThroughRemoteMany() {
        ActorTaskCaller<Integer> call = capturing.actor.task(add, 3).setNumReturns(2);

        IllegalStateException e = assertThrows(IllegalStateException.class, call::remote);
        List<ObjectRef<Object>> refs = call.remoteMany();

        assertEquals("setNumReturns(2) was called: use remoteMany()", e.getMessage());
        assertEquals(2, refs.size());
        assertEquals(2, capturing.call().numReturns());
    }

    @Test
    void aCallRefusesLessThanOneReturn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> capturing.actor.task(add, 3).setNumReturns(0));

        assertEquals("numReturns must be at least 1, was 0", e.getMessage());
    }
}
