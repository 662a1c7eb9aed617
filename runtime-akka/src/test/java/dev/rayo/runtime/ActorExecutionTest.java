package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.api.exception.RayoTaskException;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ray's actor execution model as a Ray user relies on it: a normal actor's calls share one thread, threaded
 * actors ({@code setMaxConcurrency}), async actors ({@code taskAsync}), {@code kill} of a busy or stuck actor,
 * {@code kill(false)} restarts, {@code Rayo.exitActor()} and {@code Rayo.wrapRunnable}.
 */
class ActorExecutionTest {
    private static final Duration SOON = Duration.ofSeconds(5);

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    /** Ends the loop of {@link Worker#spinForever()} so an abandoned thread does not spin past its test. */
    static volatile boolean stopSpinning;
    static volatile CountDownLatch started = new CountDownLatch(1);
    static volatile CountDownLatch together = new CountDownLatch(4);
    static final AtomicReference<CompletableFuture<String>> pending = new AtomicReference<>();

    @AfterEach
    void releaseThreads() {
        stopSpinning = true;
    }

    /** An actor that keeps state in a ThreadLocal, blocks, spins, waits for company, or exits. */
    public static class Worker {
        private static final ThreadLocal<String> LOCAL = new ThreadLocal<>();
        private int calls;

        public Worker() {
        }

        public String remember(String value) {
            LOCAL.set(value);
            return value;
        }

        public String recall() {
            return LOCAL.get();
        }

        public long threadId() {
            return Thread.currentThread().getId();
        }

        public int count() {
            return ++calls;
        }

        public String sleep(long millis) throws InterruptedException {
            started.countDown();
            Thread.sleep(millis);
            return "slept";
        }

        public String spinForever() {
            started.countDown();
            long spins = 0;
            while (!stopSpinning) {
                spins++;
                Thread.interrupted(); // a stuck actor that swallows interrupts
            }
            return "spun " + spins;
        }

        public boolean meet() throws InterruptedException {
            together.countDown();
            return together.await(20, TimeUnit.SECONDS);
        }

        public CompletionStage<String> later() {
            CompletableFuture<String> f = new CompletableFuture<>();
            pending.set(f);
            return f;
        }

        public CompletionStage<String> failLater(String message) {
            return CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException(message);
            });
        }

        public CompletionStage<String> noStage() {
            return null;
        }

        public String exitNow() {
            Rayo.exitActor();
            return "bye";
        }

        public List<String> spawnThread() throws Exception {
            return spawnAndReport();
        }
    }

    /** A journaled counter that counts how often it was built (by creation or by replay). */
    public static class Journaled {
        static final java.util.concurrent.atomic.AtomicInteger BUILT = new java.util.concurrent.atomic.AtomicInteger();
        private int value;

        public Journaled() {
            BUILT.incrementAndGet();
        }

        public int add(int n) {
            value += n;
            return value;
        }

        public long threadId() {
            return Thread.currentThread().getId();
        }

        public CompletionStage<Integer> asyncAdd(int n) {
            return CompletableFuture.completedFuture(add(n));
        }

        public String leave() {
            Rayo.exitActor();
            return "left";
        }
    }

    /** An actor that ends itself in its constructor. */
    public static class Quitter {
        public Quitter() {
            Rayo.exitActor();
        }

        public int ping() {
            return 1;
        }
    }

    /** An actor whose constructor takes a minute. */
    public static class SlowStart {
        public SlowStart() throws InterruptedException {
            started.countDown();
            Thread.sleep(60_000);
        }

        public int ping() {
            return 1;
        }
    }

    /** An actor whose constructor throws. */
    public static class Broken {
        public Broken() {
            throw new IllegalStateException("constructor says no");
        }

        public int ping() {
            return 1;
        }
    }

    static List<String> spawnAndReport() throws Exception {
        String parentTask = Rayo.getRuntimeContext().taskId();
        List<String> seen = new ArrayList<>();
        Thread t = new Thread(Rayo.wrapRunnable(() -> {
            seen.add(String.valueOf(parentTask.equals(Rayo.getRuntimeContext().taskId())));
            seen.add(Rayo.getRuntimeContext().actorId().orElse("no actor"));
            seen.add(String.valueOf(Rayo.get(Rayo.task(Fns::add, 20, 22).remote())));
        }));
        t.start();
        t.join(30_000);
        seen.add(String.valueOf(Rayo.wrapCallable(() -> Rayo.getRuntimeContext().taskId()).call().equals(parentTask)));
        return seen;
    }

    private static double availableCpus() {
        return Rayo.getRuntimeContext().availableResources().getOrDefault("CPU", 0.0);
    }

    @Test
    void callsOfAnActorRunOnOneThreadSoThreadLocalsCarryOver() {
        ActorHandle<Worker> w = Rayo.actor(Worker::new).remote();
        assertEquals("kept", Rayo.get(w.task(Worker::remember, "kept").remote()));
        List<ObjectRef<Long>> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(w.task(Worker::threadId).remote());
            Rayo.get(w.task(Worker::count).remote());
        }
        assertEquals(1, new HashSet<>(Rayo.get(ids)).size(), "every call on the actor's one thread");
        assertEquals("kept", Rayo.get(w.task(Worker::recall).remote()));
    }

    @Test
    void callsOfAJournaledActorRunOnOneThreadToo() {
        ActorHandle<Journaled> j = Rayo.actor(Journaled::new).setPersistence(dev.rayo.api.ActorPersistence.JOURNAL).remote();
        List<ObjectRef<Long>> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(j.task(Journaled::threadId).remote());
            Rayo.get(j.task(Journaled::add, 1).remote());
        }
        assertEquals(1, new HashSet<>(Rayo.get(ids)).size(), "every call on the actor's one thread");
    }

    @Test
    void threadedActorRunsMaxConcurrencyCallsAtOnce() {
        together = new CountDownLatch(4);
        ActorHandle<Worker> w = Rayo.actor(Worker::new).setMaxConcurrency(4).remote();
        List<ObjectRef<Boolean>> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(w.task(Worker::meet).remote());
        }
        assertEquals(List.of(true, true, true, true), Rayo.get(refs, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> Rayo.actor(Worker::new).setMaxConcurrency(0));
        assertEquals(1, Rayo.get(w.task(Worker::count).remote()));
    }

    @Test
    void asyncMethodDoesNotHoldTheActorsThread() {
        pending.set(null);
        ActorHandle<Worker> w = Rayo.actor(Worker::new).remote();
        ObjectRef<String> slow = w.taskAsync(Worker::later).remote();
        // A later plain call runs while the stage is pending.
        assertEquals(1, Rayo.get(w.task(Worker::count).remote(), SOON));
        assertFalse(Rayo.wait(List.of(slow), 1, Duration.ofMillis(200)).ready().size() > 0);
        pending.get().complete("done later");
        assertEquals("done later", Rayo.get(slow, SOON));
        RayoTaskException e = assertThrows(RayoTaskException.class,
                () -> Rayo.get(w.taskAsync(Worker::failLater, "async boom").remote(), SOON));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("async boom", e.getCause().getMessage());
    }

    @Test
    void badThreadingOptionsFailClearly() {
        assertThrows(IllegalArgumentException.class, () -> Rayo.actor(Worker::new).setMaxConcurrency(-3));
        assertThrows(IllegalArgumentException.class, () -> Rayo.actor(Journaled::new)
                .setPersistence(dev.rayo.api.ActorPersistence.JOURNAL).setMaxConcurrency(2).remote());
        ActorHandle<Journaled> j = Rayo.actor(Journaled::new).setPersistence(dev.rayo.api.ActorPersistence.JOURNAL).remote();
        assertThrows(IllegalArgumentException.class, () -> j.taskAsync(Journaled::asyncAdd, 1).remote());
        ActorHandle<Worker> w = Rayo.actor(Worker::new).remote();
        RayoTaskException e = assertThrows(RayoTaskException.class, () -> Rayo.get(w.taskAsync(Worker::noStage).remote(), SOON));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1, Rayo.get(w.task(Worker::count).remote(), SOON), "the actor still serves");
        assertEquals(2, Rayo.get(j.task(Journaled::add, 2).remote(), SOON), "the journaled actor still serves");
    }

    @Test
    void killFailsTheRunningAndLaterCallsAtOnceAndFreesTheCpu() throws Exception {
        started = new CountDownLatch(1);
        Eventually.within(SOON).until(() -> availableCpus() == 2.0);
        ActorHandle<Worker> w = Rayo.actor(Worker::new).setResource("CPU", 1).remote();
        ObjectRef<String> running = w.task(Worker::sleep, 60_000L).remote();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Eventually.within(SOON).describedAs("the actor holds its CPU").until(() -> availableCpus() == 1.0);
        ObjectRef<Integer> queued = w.task(Worker::count).remote();
        long t0 = System.nanoTime();
        w.kill();
        assertThrows(RayoActorException.class, () -> Rayo.get(running, SOON));
        assertThrows(RayoActorException.class, () -> Rayo.get(queued, SOON));
        assertThrows(RayoActorException.class, () -> Rayo.get(w.task(Worker::count).remote(), SOON));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "failed at once, not after the 60 s call");
        Eventually.within(SOON).describedAs("the killed actor's CPU back").until(() -> availableCpus() == 2.0);
    }

    @Test
    void aStuckActorCanBeKilledAndItsLateResultIsNeverStored() throws Exception {
        stopSpinning = false;
        started = new CountDownLatch(1);
        ActorHandle<Worker> w = Rayo.actor(Worker::new).remote();
        ObjectRef<String> stuck = w.task(Worker::spinForever).remote();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        w.kill();
        assertThrows(RayoActorException.class, () -> Rayo.get(stuck, SOON));
        stopSpinning = true; // the abandoned thread returns now; its result must not replace the failure
        Thread.sleep(200);
        assertThrows(RayoActorException.class, () -> Rayo.get(stuck, SOON));
        assertThrows(RayoActorException.class, () -> Rayo.get(w.task(Worker::count).remote(), SOON));
    }

    @Test
    void anActorStuckInItsConstructorCanBeKilled() throws Exception {
        started = new CountDownLatch(1);
        Eventually.within(SOON).until(() -> availableCpus() == 2.0);
        ActorHandle<SlowStart> s = Rayo.actor(SlowStart::new).setResource("CPU", 1).remote();
        ObjectRef<Integer> waiting = s.task(SlowStart::ping).remote();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        s.kill();
        assertThrows(RayoActorException.class, () -> Rayo.get(waiting, SOON));
        Eventually.within(SOON).describedAs("the killed actor's CPU back").until(() -> availableCpus() == 2.0);
    }

    @Test
    void killWithRestartStartsTheActorAgainWhileRestartsAreLeft() throws Exception {
        started = new CountDownLatch(1);
        ActorHandle<Worker> w = Rayo.actor(Worker::new).setMaxRestarts(1).remote();
        Rayo.get(w.task(Worker::count).remote());
        assertEquals(2, Rayo.get(w.task(Worker::count).remote()));
        ObjectRef<String> running = w.task(Worker::sleep, 60_000L).remote();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        w.kill(false);
        assertThrows(RayoActorException.class, () -> Rayo.get(running, SOON));
        assertEquals(1, Rayo.get(w.task(Worker::count).remote(), SOON), "a fresh instance from the constructor");
        w.kill(false); // no restarts left: dead for good
        assertThrows(RayoActorException.class, () -> Rayo.get(w.task(Worker::count).remote(), SOON));
    }

    @Test
    void killWithRestartRecoversAJournaledActorWithItsState() {
        ActorHandle<Journaled> j = Rayo.actor(Journaled::new).setPersistence(dev.rayo.api.ActorPersistence.JOURNAL).remote();
        assertEquals(5, Rayo.get(j.task(Journaled::add, 5).remote(), SOON));
        int built = Journaled.BUILT.get();
        j.kill(false);
        assertEquals(7, Rayo.get(j.task(Journaled::add, 2).remote(), Duration.ofSeconds(30)), "recovered from the journal");
        // Calls that reached the entity before it stopped still run on the old instance (with the same state).
        Eventually.within(Duration.ofSeconds(30)).describedAs("a new instance, rebuilt by replay")
                .until(() -> Rayo.get(j.task(Journaled::add, 0).remote(), SOON) == 7 && Journaled.BUILT.get() > built);
        j.kill();
        assertThrows(RayoActorException.class, () -> Rayo.get(j.task(Journaled::add, 1).remote(), SOON));
    }

    @Test
    void exitActorEndsTheActorAfterTheCurrentCall() {
        ActorHandle<Worker> w = Rayo.actor(Worker::new).setMaxRestarts(3).remote();
        assertEquals("bye", Rayo.get(w.task(Worker::exitNow).remote(), SOON));
        RayoActorException e = assertThrows(RayoActorException.class, () -> Rayo.get(w.task(Worker::count).remote(), SOON));
        assertTrue(e.getMessage().contains("exit"), e.getMessage());
        assertThrows(IllegalStateException.class, Rayo::exitActor);
        ActorHandle<Quitter> q = Rayo.actor(Quitter::new).remote();
        assertThrows(RayoActorException.class, () -> Rayo.get(q.task(Quitter::ping).remote(), SOON));
        ActorHandle<Journaled> j = Rayo.actor(Journaled::new).setPersistence(dev.rayo.api.ActorPersistence.JOURNAL).remote();
        assertEquals("left", Rayo.get(j.task(Journaled::leave).remote(), SOON));
        assertThrows(RayoActorException.class, () -> Rayo.get(j.task(Journaled::add, 1).remote(), SOON));
        assertEquals(3, Rayo.get(Rayo.task(Fns::add, 1, 2).remote()), "the runtime still serves");
    }

    @Test
    void wrappedThreadsKeepTheTasksContextAndSubmitNestedTasks() {
        List<String> fromTask = Rayo.get(Rayo.task(ActorExecutionTest::spawnAndReport).remote(), Duration.ofSeconds(30));
        assertEquals(List.of("true", "no actor", "42", "true"), fromTask);
        ActorHandle<Worker> w = Rayo.actor(Worker::new).remote();
        List<String> fromActor = Rayo.get(w.task(Worker::spawnThread).remote(), Duration.ofSeconds(30));
        assertEquals(List.of("true", w.actorId(), "42", "true"), fromActor);
    }

    @Test
    void anActorWhoseConstructorThrewKeepsThatExceptionAsTheCause() {
        ActorHandle<Broken> b = Rayo.actor(Broken::new).remote();
        RayoActorException e = assertThrows(RayoActorException.class, () -> Rayo.get(b.task(Broken::ping).remote(), SOON));
        assertInstanceOf(IllegalStateException.class, e.getCause(), String.valueOf(e.getCause()));
        assertEquals("constructor says no", e.getCause().getMessage());
    }
}
