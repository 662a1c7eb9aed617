package dev.rayo.runtime.ownership;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import dev.rayo.runtime.wire.StoredValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Results bound for other processes leave coalesced per owner: the first at once, then everything completed
 * while a batch is unacknowledged in one message when the owner acknowledges it (or when the acknowledgement
 * times out); batches stay inside one Artery frame; under concurrent senders every result arrives exactly
 * once.
 */
class ResultOutboxTest {
    private static final String SELF = "akka://w@h:1";
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("ResultOutboxTest");
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** An executor (and timer) that runs what it is given only when the test says so. */
    private static final class Manual implements java.util.concurrent.Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();
        final List<Runnable> timeouts = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    private static ResultOutbox outbox(Manual manual, java.util.function.Function<String, akka.actor.typed.ActorRef<OwnerEndpoint.Command>> endpoints) {
        return new ResultOutbox(SELF, manual, endpoints, (delay, task) -> manual.timeouts.add(task), Duration.ofSeconds(1));
    }

    private static OwnerEndpoint.ObjectReady ready(String id, int size) {
        return new OwnerEndpoint.ObjectReady(id, new StoredValue.Inline(0, new byte[size]), List.of(), SELF);
    }

    private static List<String> idsOf(OwnerEndpoint.Command message) {
        return ((OwnerEndpoint.ObjectsReady) message).results().stream().map(OwnerEndpoint.ObjectReady::objectId).toList();
    }

    @Test
    void resultsCompletedWhileABatchIsUnacknowledgedLeaveTogetherOnItsAcknowledgement() {
        TestProbe<OwnerEndpoint.Command> a = testKit.createTestProbe(OwnerEndpoint.Command.class);
        TestProbe<OwnerEndpoint.Command> b = testKit.createTestProbe(OwnerEndpoint.Command.class);
        Manual manual = new Manual();
        ResultOutbox outbox = outbox(manual, owner -> owner.equals("A") ? a.getRef() : b.getRef());

        outbox.send("A", ready("a1", 8));
        outbox.send("B", ready("b1", 8));
        assertEquals(2, manual.tasks.size(), "one flush per owner");
        manual.runAll();
        OwnerEndpoint.ObjectsReady first = a.expectMessageClass(OwnerEndpoint.ObjectsReady.class);
        assertEquals(List.of("a1"), idsOf(first), "the first result leaves at once");
        assertEquals(SELF, first.from());
        assertEquals(List.of("b1"), idsOf(b.receiveMessage()));

        outbox.send("A", ready("a2", 8));
        outbox.send("A", ready("a3", 8));
        manual.runAll();
        a.expectNoMessage(Duration.ofMillis(100));

        outbox.acknowledged("A", first.batch());
        manual.runAll();
        OwnerEndpoint.ObjectsReady second = a.expectMessageClass(OwnerEndpoint.ObjectsReady.class);
        assertEquals(List.of("a2", "a3"), idsOf(second), "what waited leaves in one message");
        outbox.acknowledged("A", first.batch());
        outbox.send("A", ready("a4", 8));
        manual.runAll();
        a.expectNoMessage(Duration.ofMillis(100));

        manual.timeouts.get(manual.timeouts.size() - 1).run();
        manual.runAll();
        assertEquals(List.of("a4"), idsOf(a.receiveMessage()), "an acknowledgement that never comes holds nothing back");
    }

    @Test
    void aBatchNeverOutgrowsOneArteryFrame() {
        TestProbe<OwnerEndpoint.Command> a = testKit.createTestProbe(OwnerEndpoint.Command.class);
        Manual manual = new Manual();
        ResultOutbox outbox = outbox(manual, owner -> a.getRef());
        outbox.send("A", ready("first", 8));
        manual.runAll();
        OwnerEndpoint.ObjectsReady batch = (OwnerEndpoint.ObjectsReady) a.receiveMessage();
        for (int i = 0; i < 10; i++) {
            outbox.send("A", ready("big" + i, 30 * 1024));
        }
        List<String> all = new ArrayList<>();
        while (all.size() < 10) {
            outbox.acknowledged("A", batch.batch());
            manual.runAll();
            batch = (OwnerEndpoint.ObjectsReady) a.receiveMessage();
            assertTrue(batch.results().size() * 30 * 1024 <= 64 * 1024, batch.results().size() + " results of 30 KiB");
            all.addAll(idsOf(batch));
        }
        assertEquals(10, all.stream().distinct().count());
    }

    @Test
    void concurrentSendersDeliverEveryResultExactlyOnce() throws Exception {
        ExecutorService flushes = Executors.newFixedThreadPool(2);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        java.util.concurrent.ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            ResultOutbox[] outbox = new ResultOutbox[1];
            Map<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
            int[] messages = new int[1];
            // The owner: records each result and acknowledges each batch, as OwnerEndpoint does.
            akka.actor.typed.ActorRef<OwnerEndpoint.Command> owner = testKit.spawn(
                    akka.actor.typed.javadsl.Behaviors.receiveMessage(m -> {
                        OwnerEndpoint.ObjectsReady batch = (OwnerEndpoint.ObjectsReady) m;
                        batch.results().forEach(r -> seen.merge(r.objectId(), 1, Integer::sum));
                        messages[0]++;
                        outbox[0].acknowledged("A", batch.batch());
                        return akka.actor.typed.javadsl.Behaviors.same();
                    }));
            outbox[0] = new ResultOutbox(SELF, flushes, a -> owner,
                    (delay, task) -> timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS), Duration.ofSeconds(1));
            int perSender = 5_000;
            CountDownLatch go = new CountDownLatch(1);
            for (int s = 0; s < 4; s++) {
                int sender = s;
                senders.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perSender; i++) {
                        outbox[0].send("A", ready(sender + "-" + i, 4));
                    }
                });
            }
            go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < 4 * perSender && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertEquals(4 * perSender, seen.size(), "every result arrived");
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "every result exactly once");
            System.out.println("20,000 results in " + messages[0] + " messages");
        } finally {
            senders.shutdownNow();
            flushes.shutdownNow();
            timers.shutdownNow();
        }
    }
}
