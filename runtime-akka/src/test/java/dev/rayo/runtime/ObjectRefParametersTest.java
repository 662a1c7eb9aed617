package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.function.RayoFunc1;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * API.md: a parameter declared {@code ObjectRef<T>} receives the ref itself, unresolved; every other
 * parameter receives the value. The same for actor constructors and methods.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ObjectRefParametersTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    private static byte[] data() {
        byte[] b = new byte[300_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    static long sum(byte[] b) {
        long s = 0;
        for (byte x : b) {
            s += x;
        }
        return s;
    }

    /** What a Ray user writes to hand a ref on or read it later. */
    public static long checksumAt(ObjectRef<byte[]> ref) {
        return sum(ref.get());
    }

    public static long checksumOf(byte[] value) {
        return sum(value);
    }

    /** Passes the ref it received on to a nested task that declares a ref, and to one that wants the value. */
    public static long relay(ObjectRef<byte[]> ref) {
        long a = Rayo.get(Rayo.task(ObjectRefParametersTest::checksumAt, ref).remote());
        long b = Rayo.get(Rayo.task(ObjectRefParametersTest::checksumOf, ref).remote());
        return a == b ? a : -1;
    }

    public static String kinds(ObjectRef<byte[]> ref, byte[] value) {
        return (ref instanceof ObjectRef<?> ? "ref" : "?") + "," + value.getClass().getSimpleName();
    }

    /** The ref of an object that is not ready yet: a declared ref parameter does not wait for it. */
    public static boolean readyWhenReceived(ObjectRef<Integer> ref) {
        return !Rayo.wait(List.of(ref), 1, Duration.ZERO).ready().isEmpty();
    }

    /** Opened by the test once the ref has been seen not ready; tasks run in this JVM on the one-node runtime. */
    private static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);

    /** Returns {@code v} once the test releases it (at most 30 s), so its object is surely not ready before. */
    public static int slow(int v) throws InterruptedException {
        RELEASE_SLOW.await(30, TimeUnit.SECONDS);
        return v;
    }

    /** An actor holding a ref given to its constructor. */
    public static class Holder {
        private final ObjectRef<byte[]> held;

        public Holder(ObjectRef<byte[]> held) {
            this.held = held;
        }

        public long heldChecksum() {
            return sum(held.get());
        }

        public String kinds(ObjectRef<byte[]> ref, byte[] value) {
            return ObjectRefParametersTest.kinds(ref, value);
        }

        public long passOn(ObjectRef<byte[]> ref) {
            return Rayo.get(Rayo.task(ObjectRefParametersTest::relay, ref).remote());
        }
    }

    @Test
    void aTaskParameterDeclaredObjectRefReceivesTheRef() {
        ObjectRef<byte[]> ref = Rayo.put(data());
        long expected = sum(data());
        assertEquals(expected, Rayo.get(Rayo.task(ObjectRefParametersTest::checksumAt, ref).remote()));
        assertEquals(expected, Rayo.get(Rayo.task(ObjectRefParametersTest::checksumOf, ref).remote()), "a value parameter gets the value");
        assertEquals("ref,byte[]", Rayo.get(Rayo.task(ObjectRefParametersTest::kinds, ref, ref).remote()));
        assertEquals(expected, Rayo.get(Rayo.task(ObjectRefParametersTest::relay, ref).remote()), "the ref is passed on to nested tasks");
    }

    @Test
    void aRefFromATaskIsHandedOverBeforeItsObjectIsReady() {
        ObjectRef<Integer> pending = Rayo.task(ObjectRefParametersTest::slow, 7).remote();
        try {
            assertEquals(false, Rayo.get(Rayo.task(ObjectRefParametersTest::readyWhenReceived, pending).remote()));
        } finally {
            RELEASE_SLOW.countDown();
        }
        assertEquals(7, Rayo.get(pending));
    }

    @Test
    void aCapturingLambdaWithADeclaredRefParameterReceivesTheRef() {
        ObjectRef<byte[]> ref = Rayo.put(data());
        long offset = 5;
        RayoFunc1<ObjectRef<byte[]>, Long> fn = r -> offset + checksumAt(r);
        assertEquals(offset + sum(data()), Rayo.get(Rayo.task(fn, ref).remote()));
    }

    @Test
    void actorConstructorsAndMethodsFollowTheSameRule() {
        ObjectRef<byte[]> ref = Rayo.put(data());
        long expected = sum(data());
        ActorHandle<Holder> holder = Rayo.actor(Holder::new, ref).remote();
        assertEquals(expected, Rayo.get(holder.task(Holder::heldChecksum).remote()));
        assertEquals("ref,byte[]", Rayo.get(holder.task(Holder::kinds, ref, ref).remote()));
        assertEquals(expected, Rayo.get(holder.task(Holder::passOn, ref).remote()));
    }
}
