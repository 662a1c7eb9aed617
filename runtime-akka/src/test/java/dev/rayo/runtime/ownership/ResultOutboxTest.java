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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Results bound for other processes leave coalesced per owner: everything queued before a flush runs goes
 * in one message to that owner's endpoint, a lone result goes as itself, batches stay inside one Artery
 * frame, and under concurrent senders every result arrives exactly once.
 */
class ResultOutboxTest {
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("ResultOutboxTest");
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** An executor that runs what it is given only when the test says so. */
    private static final class ManualExecutor implements java.util.concurrent.Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

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

    private static OwnerEndpoint.ObjectReady ready(String id, int size) {
        return new OwnerEndpoint.ObjectReady(id, new StoredValue.Inline(0, new byte[size]), List.of(), "akka://w@h:1");
    }

    private static List<String> idsOf(OwnerEndpoint.Command message) {
        if (message instanceof OwnerEndpoint.ObjectReady one) {
            return List.of(one.objectId());
        }
        return ((OwnerEndpoint.ObjectsReady) message).results().stream().map(OwnerEndpoint.ObjectReady::objectId).toList();
    }

    @Test
    void resultsQueuedBeforeTheFlushRunsLeaveInOneMessagePerOwner() {
        TestProbe<OwnerEndpoint.Command> a = testKit.createTestProbe(OwnerEndpoint.Command.class);
        TestProbe<OwnerEndpoint.Command> b = testKit.createTestProbe(OwnerEndpoint.Command.class);
        ManualExecutor executor = new ManualExecutor();
        ResultOutbox outbox = new ResultOutbox(executor, owner -> owner.equals("A") ? a.getRef() : b.getRef());

        outbox.send("A", ready("a1", 8));
        outbox.send("A", ready("a2", 8));
        outbox.send("B", ready("b1", 8));
        outbox.send("A", ready("a3", 8));
        assertEquals(2, executor.tasks.size(), "one flush scheduled per owner, however many results wait");
        executor.runAll();

        OwnerEndpoint.ObjectsReady toA = a.expectMessageClass(OwnerEndpoint.ObjectsReady.class);
        assertEquals(List.of("a1", "a2", "a3"), idsOf(toA));
        assertEquals(List.of("b1"), idsOf(b.expectMessageClass(OwnerEndpoint.ObjectReady.class)),
                "a lone result goes as itself");
        a.expectNoMessage(Duration.ofMillis(100));

        outbox.send("A", ready("a4", 8));
        executor.runAll();
        assertEquals(List.of("a4"), idsOf(a.receiveMessage()), "the next result schedules the next flush");
    }

    @Test
    void aBatchNeverOutgrowsOneArteryFrame() {
        TestProbe<OwnerEndpoint.Command> a = testKit.createTestProbe(OwnerEndpoint.Command.class);
        ManualExecutor executor = new ManualExecutor();
        ResultOutbox outbox = new ResultOutbox(executor, owner -> a.getRef());
        for (int i = 0; i < 10; i++) {
            outbox.send("A", ready("big" + i, 30 * 1024));
        }
        executor.runAll();
        List<String> all = new ArrayList<>();
        int messages = 0;
        while (all.size() < 10) {
            OwnerEndpoint.Command m = a.receiveMessage();
            int bytes = idsOf(m).size() * 30 * 1024;
            assertTrue(bytes <= 64 * 1024, "a message of " + bytes + " bytes of values");
            all.addAll(idsOf(m));
            messages++;
        }
        assertEquals(5, messages);
        assertEquals(10, all.stream().distinct().count());
    }

    @Test
    void concurrentSendersDeliverEveryResultExactlyOnce() throws Exception {
        TestProbe<OwnerEndpoint.Command> a = testKit.createTestProbe(OwnerEndpoint.Command.class);
        ExecutorService flushes = Executors.newFixedThreadPool(2);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            ResultOutbox outbox = new ResultOutbox(flushes, owner -> a.getRef());
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
                        outbox.send("A", ready(sender + "-" + i, 4));
                    }
                });
            }
            go.countDown();
            Map<String, Integer> seen = new HashMap<>();
            int messages = 0;
            while (seen.size() < 4 * perSender) {
                for (String id : idsOf(a.receiveMessage(Duration.ofSeconds(10)))) {
                    seen.merge(id, 1, Integer::sum);
                }
                messages++;
            }
            a.expectNoMessage(Duration.ofMillis(200));
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "every result exactly once");
            System.out.println("20,000 results in " + messages + " messages");
        } finally {
            senders.shutdownNow();
            flushes.shutdownNow();
            flushes.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
