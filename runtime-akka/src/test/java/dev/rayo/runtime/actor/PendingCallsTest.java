package dev.rayo.runtime.actor;

import dev.rayo.runtime.wire.StoredValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls in flight: resent until acknowledged, lost only with the node that accepted them, forgotten when done. */
class PendingCallsTest {
    private static PendingCalls.Pending call(String id, String expectedNode, AtomicInteger sends) {
        return new PendingCalls.Pending(id, "actor-" + id, expectedNode, List.of("ret-" + id), 0,
                sends::incrementAndGet, () -> { });
    }

    @Test
    void unacknowledgedCallsAreDueForResendAfterADelayThatDoubles() {
        PendingCalls calls = new PendingCalls(Duration.ofSeconds(30), Duration.ofMinutes(8));
        AtomicInteger sends = new AtomicInteger();
        calls.track(call("a", "node-1", sends), List.of(new CompletableFuture<>()));
        calls.track(call("b", "node-1", sends), List.of(new CompletableFuture<>()));
        calls.accepted("b", "node-2");
        assertEquals(List.of("a"), ids(calls.unacknowledged()), "what a node's death sends again");
        long now = System.nanoTime();
        assertEquals(List.of(), calls.dueForResend(now), "a busy actor's queued calls are not lost: not yet");
        assertEquals(List.of("a"), ids(calls.dueForResend(now + Duration.ofSeconds(31).toNanos())));
        assertEquals(List.of(), calls.dueForResend(now + Duration.ofSeconds(80).toNanos()), "the delay doubled");
        assertEquals(List.of("a"), ids(calls.dueForResend(now + Duration.ofSeconds(92).toNanos())));
    }

    private static List<String> ids(List<PendingCalls.Pending> calls) {
        return calls.stream().map(PendingCalls.Pending::callId).sorted().toList();
    }

    @Test
    void aNodesDeathTakesOnlyTheCallsItAcceptedNeverUnacknowledgedOnes() {
        PendingCalls calls = new PendingCalls(Duration.ofSeconds(30), Duration.ofMinutes(8));
        AtomicInteger sends = new AtomicInteger();
        CompletableFuture<StoredValue> doneLater = new CompletableFuture<>();
        calls.track(call("acceptedThere", "home", sends), List.of(new CompletableFuture<>()));
        calls.accepted("acceptedThere", "dead");
        calls.track(call("acceptedElsewhere", "dead", sends), List.of(new CompletableFuture<>()));
        calls.accepted("acceptedElsewhere", "alive");
        // Sent to an actor whose node is dead (its expected node), and never acknowledged: no actor took it.
        calls.track(call("unackedToTheDeadNode", "dead", sends), List.of(new CompletableFuture<>()));
        calls.track(call("unackedElsewhere", "", sends), List.of(doneLater));
        List<String> lost = calls.takeCallsOn("dead").stream().map(PendingCalls.Pending::callId).sorted().toList();
        assertEquals(List.of("acceptedThere"), lost);
        assertEquals(List.of("unackedElsewhere", "unackedToTheDeadNode"), ids(calls.unacknowledged()),
                "sent again once the dead node's shards moved, to the recovered actor");
        doneLater.complete(new StoredValue.Inline(1, new byte[] {1}));
        assertEquals(List.of("acceptedElsewhere", "unackedToTheDeadNode"), ids(calls.inFlight()),
                "finished calls are forgotten");
        assertTrue(calls.takeCallsOn("dead").isEmpty());
    }
}
