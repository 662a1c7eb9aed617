package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorLifetime;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ray's distributed reference counting, the way a program hits it: objects and actors that nobody holds
 * any more are freed while the driver lives (store bytes, CPUs, table entries), and whatever still holds a
 * ref or handle (an object it is nested in, a task that received it, an actor's state) keeps it.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ReferenceCountingTest {

    /** Every value above 64 bytes goes to the store, so that store bytes show every object that lives. */
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(
            RayoConfig.builder().numCpus(2).inlineThresholdBytes(64).build());

    /** An actor that keeps what it is given in its state. */
    public static class Holder {
        private List<ObjectRef<int[]>> refs = List.of();
        private List<ActorHandle<Holder>> handles = List.of();

        public Holder() {
        }

        public int hold(List<ObjectRef<int[]>> given) {
            refs = new ArrayList<>(given);
            return refs.size();
        }

        public int holdHandle(List<ActorHandle<Holder>> given) {
            handles = new ArrayList<>(given);
            return handles.size();
        }

        public int drop() {
            refs = List.of();
            handles = List.of();
            return 0;
        }

        public int sumHeld() {
            int sum = 0;
            for (ObjectRef<int[]> r : refs) {
                for (int v : Rayo.get(r)) {
                    sum += v;
                }
            }
            return sum;
        }

        public int callHeld() {
            return Rayo.get(handles.get(0).task(Holder::ping).remote());
        }

        public int ping() {
            return 1;
        }
    }

    public static int lengthOfNested(List<ObjectRef<int[]>> refs) {
        return Rayo.get(refs.get(0)).length;
    }

    /** Puts an object inside a task and returns the ref to it nested in a list (the task's process owns it). */
    public static List<ObjectRef<int[]>> putAndReturn(int n) {
        return List.of(Rayo.put(new int[n]));
    }

    private static AkkaRayoRuntime runtime() {
        return RAYO.runtime(AkkaRayoRuntime.class);
    }

    private static double availableCpus() {
        return Rayo.getRuntimeContext().availableResources().getOrDefault("CPU", 0.0);
    }

    /** Waits for {@code condition}, nudging the garbage collector, which is what releases dropped refs. */
    private static void eventuallyWithGc(String what, BooleanSupplier condition) {
        Eventually.within(Duration.ofSeconds(30)).every(Duration.ofMillis(50)).describedAs(what).until(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            System.gc();
            return false;
        });
    }

    /** Runs the garbage collector a few times, for a check that something is NOT freed. */
    private static void collectFor(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            System.gc();
            Thread.sleep(50);
        }
    }

    @Test
    void aLongLoopCreatingAndDroppingActorsAndNestedObjectsLeavesStoreResourcesAndTableFlat() {
        eventuallyWithGc("the runtime is idle", () -> availableCpus() == 2.0);
        long storeBefore = runtime().store().usedBytes();
        int tableBefore = runtime().objects().size();
        int maxTable = 0;
        long start = System.nanoTime();
        long[] spent = new long[4];
        for (int i = 0; i < 10_000; i++) {
            long t0 = System.nanoTime();
            ObjectRef<int[]> inner = Rayo.put(new int[] {i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            ObjectRef<List<ObjectRef<int[]>>> outer = Rayo.put(List.of(inner));
            assertEquals(i, Rayo.get(Rayo.get(outer).get(0))[0]);
            long t1 = System.nanoTime();
            spent[0] += t1 - t0;
            if (i % 20 == 0) {
                // Nested in a task's argument, nested in a task's result, and an actor holding a CPU.
                assertEquals(17, Rayo.get(Rayo.task(ReferenceCountingTest::lengthOfNested, List.of(inner)).remote()));
                List<ObjectRef<int[]>> returned = Rayo.get(Rayo.task(ReferenceCountingTest::putAndReturn, 20).remote());
                assertEquals(20, Rayo.get(returned.get(0)).length);
                long t2 = System.nanoTime();
                spent[1] += t2 - t1;
                ActorHandle<Holder> holder = Rayo.actor(Holder::new).setResource("CPU", 0.01).remote();
                assertEquals(1, Rayo.get(holder.task(Holder::hold, List.of(inner)).remote()));
                spent[2] += System.nanoTime() - t2;
            }
            if (i % 250 == 249) {
                // Java frees nothing until a collection finds it unreachable: nudge it, as a busy program's
                // allocation would (each 250 iterations drop 12 or 13 actors, an eighth of a CPU).
                long t3 = System.nanoTime();
                System.gc();
                spent[3] += System.nanoTime() - t3;
                maxTable = Math.max(maxTable, runtime().objects().size());
            }
        }
        System.out.println("loop took " + (System.nanoTime() - start) / 1_000_000 + " ms, max table " + maxTable
                + ", objects/tasks/actors/gc ms " + java.util.Arrays.toString(java.util.Arrays.stream(spent).map(n -> n / 1_000_000).toArray()));
        assertTrue(maxTable < 5_000, "the object table stays bounded during the loop, was " + maxTable);
        try {
            eventuallyWithGc("store bytes, CPUs and the object table are back where they started", () ->
                    runtime().store().usedBytes() <= storeBefore && availableCpus() == 2.0
                            && runtime().objects().size() <= tableBefore);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": store " + runtime().store().usedBytes() + " (was " + storeBefore
                    + "), CPUs " + availableCpus() + ", table " + runtime().objects().size() + " (was " + tableBefore
                    + "), counted " + runtime().objects().counter().ownedCount(), e);
        }
        assertEquals(0, runtime().objects().counter().borrowedCount());
    }

    @Test
    void aRefNestedInAnActorsStateKeepsItsObjectUntilTheActorDropsIt() throws InterruptedException {
        ActorHandle<Holder> holder = Rayo.actor(Holder::new).remote();
        ObjectRef<int[]> ref = Rayo.put(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        String id = ref.id();
        assertEquals(1, Rayo.get(holder.task(Holder::hold, List.of(ref)).remote()));
        ref = null;
        collectFor(Duration.ofSeconds(1));
        assertNotNull(runtime().objects().lookup(id), "the actor's state holds the object");
        assertEquals(210, Rayo.get(holder.task(Holder::sumHeld).remote()));
        Rayo.get(holder.task(Holder::drop).remote());
        eventuallyWithGc("the object goes once the actor dropped it", () -> runtime().objects().lookup(id) == null);
        assertTrue(runtime().store().contains(id) == false, "its store bytes are freed");
    }

    @Test
    void aDetachedActorSurvivesItsHandlesBeingDroppedAndCollected() throws InterruptedException {
        eventuallyWithGc("the runtime is idle", () -> availableCpus() == 2.0);
        ActorHandle<Counter> detached = Rayo.actor(Counter::new, 10).setName("detached-counter").setResource("CPU", 1)
                .setLifetime(ActorLifetime.DETACHED).remote();
        ActorHandle<Counter> attached = Rayo.actor(Counter::new, 20).setResource("CPU", 1).remote();
        assertEquals(11, Rayo.get(detached.task(Counter::increment).remote()));
        assertEquals(21, Rayo.get(attached.task(Counter::increment).remote()));
        detached = null;
        attached = null;
        eventuallyWithGc("the non-detached twin goes, giving its CPU back", () -> availableCpus() == 1.0);
        collectFor(Duration.ofSeconds(1));
        Optional<ActorHandle<Counter>> again = Rayo.getActor("detached-counter");
        assertTrue(again.isPresent(), "a detached actor keeps its name");
        assertEquals(12, Rayo.get(again.get().task(Counter::increment).remote()));
        assertEquals(1.0, availableCpus(), "and its CPU");
        again.get().kill();
        eventuallyWithGc("killing it frees its CPU", () -> availableCpus() == 2.0);
    }

    @Test
    void aNonDetachedActorIsDestroyedAndItsCpuFreedOnceItsHandlesAreGone() {
        eventuallyWithGc("the runtime is idle", () -> availableCpus() == 2.0);
        ActorHandle<Counter> counter = Rayo.actor(Counter::new).setName("dropped-counter").setResource("CPU", 2).remote();
        assertEquals(1, Rayo.get(counter.task(Counter::increment).remote()));
        assertEquals(0.0, availableCpus(), "the actor holds both CPUs");
        counter = null;
        eventuallyWithGc("its CPUs come back once its handle is collected", () -> availableCpus() == 2.0);
        eventuallyWithGc("a name does not keep it alive", () -> Rayo.getActor("dropped-counter").isEmpty());
        assertEquals(4, Rayo.get(Rayo.task(Fns::square, 2).setResource("CPU", 2).remote()));
    }

    @Test
    void aHandleHeldInAnotherActorsStateKeepsTheActorAlive() throws InterruptedException {
        ActorHandle<Holder> keeper = Rayo.actor(Holder::new).remote();
        ActorHandle<Holder> kept = Rayo.actor(Holder::new).setResource("CPU", 1).remote();
        assertEquals(1, Rayo.get(keeper.task(Holder::holdHandle, List.of(kept)).remote()));
        kept = null;
        collectFor(Duration.ofSeconds(1));
        assertEquals(1, Rayo.get(keeper.task(Holder::callHeld).remote()), "the keeper's handle keeps it");
        Rayo.get(keeper.task(Holder::drop).remote());
        eventuallyWithGc("dropped by the keeper too, it goes", () -> availableCpus() == 2.0);
    }

    @Test
    void aNestedRefKeepsItsObjectAsLongAsTheOuterObjectLives() throws InterruptedException {
        ObjectRef<int[]> inner = Rayo.put(new int[] {7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
        String innerId = inner.id();
        ObjectRef<List<ObjectRef<int[]>>> outer = Rayo.put(List.of(inner));
        inner = null;
        collectFor(Duration.ofSeconds(1));
        assertArrayEquals(new int[] {7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17},
                Rayo.get(Rayo.get(outer).get(0)));
        outer = null;
        eventuallyWithGc("the inner object goes with the outer one", () -> runtime().objects().lookup(innerId) == null);
    }
}
