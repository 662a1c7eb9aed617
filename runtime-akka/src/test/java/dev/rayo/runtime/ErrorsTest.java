package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.api.exception.RayoException;
import dev.rayo.api.exception.RayoSerializationException;
import dev.rayo.api.exception.RayoTaskException;
import dev.rayo.api.exception.RayoTimeoutException;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error of API.md's table, raised where it says, on the embedded one-node cluster. */
class ErrorsTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void failedTaskNamesTaskAndNodeAndCarriesTheCause() {
        ObjectRef<Integer> r = Rayo.task(Fns::fail, "bad input").remote();
        RayoTaskException e = assertThrows(RayoTaskException.class, () -> Rayo.get(r));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("bad input", e.getCause().getMessage());
        assertEquals("Fns.fail", e.taskName());
        String node = rayo.runtime(AkkaRayoRuntime.class).nodeId();
        assertEquals(node, e.nodeId());
        assertTrue(e.getMessage().contains("Fns.fail") && e.getMessage().contains(node), e.getMessage());
        assertTrue(e.getMessage().contains("at dev.rayo.runtime.Fns.fail"), "remote stack trace: " + e.getMessage());
        assertEquals(IllegalStateException.class.getName(), e.causeClassName());
    }

    @Test
    void taskConsumingAFailedRefFailsWithTheSameCause() {
        ObjectRef<Integer> failed = Rayo.task(Fns::fail, "root cause").remote();
        ObjectRef<Integer> downstream = Rayo.task(Fns::f, failed).remote();
        ObjectRef<Integer> further = Rayo.task(Fns::add, downstream, 1).remote();
        RayoTaskException e = assertThrows(RayoTaskException.class, () -> Rayo.get(further));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("root cause", e.getCause().getMessage());
        assertEquals("Fns.fail", e.taskName());
    }

    static int getsAFailedRef(ObjectRef<Integer> failed) {
        return Rayo.get(failed) + 1;
    }

    @Test
    void taskThatGetsAFailedRefInsideFailsWithTheSameCause() {
        ObjectRef<Integer> failed = Rayo.task(Fns::fail, "inner").remote();
        ObjectRef<ObjectRef<Integer>> boxed = Rayo.put(failed);
        RayoTaskException e = assertThrows(RayoTaskException.class,
                () -> Rayo.get(Rayo.task(ErrorsTest::getsAFailedRef, Rayo.get(boxed)).remote()));
        assertEquals("inner", e.getCause().getMessage());
    }

    @Test
    void getWithTimeoutThrowsRayoTimeoutException() {
        ObjectRef<Integer> slow = Rayo.task(Fns::slowSquare, 2, 3000).remote();
        assertThrows(RayoTimeoutException.class, () -> Rayo.get(slow, Duration.ofMillis(100)));
        assertThrows(RayoTimeoutException.class, () -> slow.get(Duration.ofMillis(50)));
        assertThrows(RayoTimeoutException.class, () -> Rayo.get(List.of(slow), Duration.ofMillis(50)));
        assertEquals(4, Rayo.get(slow, Duration.ofSeconds(30)));
    }

    @Test
    void nonSerializableArgumentFailsInRemoteBeforeAnythingIsSubmitted() {
        AkkaRayoRuntime rt = rayo.runtime(AkkaRayoRuntime.class);
        int objectsBefore = rt.objects().size();
        RayoSerializationException e = assertThrows(RayoSerializationException.class,
                () -> Rayo.task(ErrorsTest::describe, new Thread()).remote());
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        // By name: tasks of earlier tests may still record events, and the GC may free their objects.
        assertTrue(rt.events().snapshot().stream().noneMatch(ev -> ev.name().contains("describe")), "nothing was submitted");
        assertTrue(rt.objects().size() <= objectsBefore, "no return object was registered");
        assertThrows(RayoSerializationException.class, () -> Rayo.put(new HoldsAThread()));
        Object lock = new Object();
        Thread t = new Thread(() -> { });
        assertThrows(RayoSerializationException.class, () -> Rayo.task((Integer x) -> x + t.getName().length(), 1).remote(),
                "a lambda capturing a non-serializable value");
        assertEquals(lock.hashCode(), lock.hashCode());
    }

    static String describe(Object o) {
        return String.valueOf(o);
    }

    /** A value whose field can't be serialized. */
    static final class HoldsAThread {
        final Thread thread = new Thread(() -> { });
    }

    @Test
    void killedActorFailsLaterCallsWithRayoActorException() {
        ActorHandle<Counter> c = Rayo.actor(Counter::new).remote();
        assertEquals(1, Rayo.get(c.task(Counter::increment).remote()));
        c.kill();
        RayoActorException e = assertThrows(RayoActorException.class, () -> Rayo.get(c.task(Counter::increment).remote()));
        assertTrue(e.getMessage().contains("killed"), e.getMessage());
    }

    @Test
    void actorMethodThatThrowsFailsOnlyThatCall() {
        ActorHandle<Counter> c = Rayo.actor(Counter::new).remote();
        RayoTaskException e = assertThrows(RayoTaskException.class, () -> Rayo.get(c.task(Counter::boom).remote()));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(1, Rayo.get(c.task(Counter::increment).remote()), "the actor lives on");
    }

    /** An actor whose constructor throws. */
    public static final class Broken {
        public Broken() {
            throw new IllegalStateException("cannot build");
        }

        public int ping() {
            return 1;
        }
    }

    @Test
    void actorWhoseConstructorThrowsIsDead() {
        ActorHandle<Broken> b = Rayo.actor(Broken::new).remote();
        RayoActorException e = assertThrows(RayoActorException.class, () -> Rayo.get(b.task(Broken::ping).remote()));
        assertTrue(e.getMessage().contains("cannot build"), e.getMessage());
    }

    @Test
    void infeasibleRequestFailsWithAClearRayoException() {
        ObjectRef<Integer> r = Rayo.task(Fns::f, 1).setResource("GPU", 4).remote();
        RayoException e = assertThrows(RayoException.class, () -> Rayo.get(r, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("infeasible") && e.getMessage().contains("GPU"), e.getMessage());
        ObjectRef<Integer> custom = Rayo.task(Fns::f, 1).setResource("NoSuchThing", 1).remote();
        assertThrows(RayoException.class, () -> Rayo.get(custom, Duration.ofSeconds(10)));
        ActorHandle<Counter> a = Rayo.actor(Counter::new).setResource("CPU", 64).remote();
        RayoActorException ae = assertThrows(RayoActorException.class, () -> Rayo.get(a.task(Counter::increment).remote()));
        assertTrue(ae.getMessage().contains("can't be placed"), ae.getMessage());
    }

    @Test
    void badResourceAmountsAreRejectedAtSubmission() {
        assertThrows(IllegalArgumentException.class, () -> Rayo.task(Fns::f, 1).setResource("GPU", 1.5).remote());
        assertThrows(IllegalArgumentException.class, () -> Rayo.task(Fns::f, 1).setResource("CPU", -1).remote());
    }

    @Test
    void wrongNumberOfReturnsFailsEveryRef() {
        List<ObjectRef<Object>> refs = Rayo.task(Fns::threeItems).setNumReturns(2).remoteMany();
        for (ObjectRef<Object> r : refs) {
            RayoException e = assertThrows(RayoException.class, () -> Rayo.get(r));
            assertTrue(e.getMessage().contains("numReturns=2"), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> Rayo.task(Fns::threeItems).setNumReturns(3).remote());
    }

    @Test
    void duplicateActorNameIsRefusedWithIllegalArgumentExceptionAsInRay() {
        ActorHandle<Counter> first = Rayo.actor(Counter::new).setName("unique-name").remote();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rayo.actor(Counter::new).setName("unique-name").remote());
        assertTrue(e.getMessage().contains("unique-name"), e.getMessage());
        assertEquals(1, Rayo.get(Rayo.<Counter>getActor("unique-name").orElseThrow().task(Counter::increment).remote()));
        assertEquals(2, Rayo.get(first.task(Counter::increment).remote()), "the first holder is untouched");
    }

    @Test
    void waitRejectsImpossibleNumReturns() {
        ObjectRef<Integer> r = Rayo.put(1);
        assertThrows(IllegalArgumentException.class, () -> Rayo.wait(List.of(r), 2));
    }

    @Test
    void initTwiceIsRefused() {
        assertThrows(RayoException.class, Rayo::init);
    }
}
