package dev.rayo.runtime.recovery;

import dev.rayo.runtime.ownership.StoredValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls in flight: resent until acknowledged, lost with the node that accepted them, forgotten when done. */
class PendingCallsTest {
    private static PendingCalls.Pending call(String id, String expectedNode, AtomicInteger sends) {
        return new PendingCalls.Pending(id, "actor-" + id, expectedNode, List.of("ret-" + id), 0,
                sends::incrementAndGet, () -> { });
    }

    @Test
    void callsWithoutAcknowledgementAreSentAgainEachTimeout() throws InterruptedException {
        PendingCalls calls = new PendingCalls();
        AtomicInteger sends = new AtomicInteger();
        calls.track(call("a", "node-1", sends), List.of(new CompletableFuture<>()));
        calls.track(call("b", "node-1", sends), List.of(new CompletableFuture<>()));
        calls.accepted("b", "node-2");
        assertEquals(List.of(), calls.unacknowledged(60_000_000_000L), "not yet late");
        Thread.sleep(5);
        List<PendingCalls.Pending> late = calls.unacknowledged(1_000_000);
        assertEquals(List.of("a"), late.stream().map(PendingCalls.Pending::callId).toList(), "only the unacknowledged one");
        assertEquals(List.of(), calls.unacknowledged(1_000_000), "counted as sent again just now");
    }

    @Test
    void aNodesDeathTakesTheCallsItAcceptedAndUnacknowledgedCallsToItsActors() {
        PendingCalls calls = new PendingCalls();
        AtomicInteger sends = new AtomicInteger();
        CompletableFuture<StoredValue> doneLater = new CompletableFuture<>();
        calls.track(call("acceptedThere", "home", sends), List.of(new CompletableFuture<>()));
        calls.accepted("acceptedThere", "dead");
        calls.track(call("acceptedElsewhere", "dead", sends), List.of(new CompletableFuture<>()));
        calls.accepted("acceptedElsewhere", "alive");
        calls.track(call("unackedHostedThere", "", sends), List.of(new CompletableFuture<>()));
        calls.track(call("unackedHostedElsewhere", "", sends), List.of(doneLater));
        List<String> lost = calls.takeCallsOn("dead", actor -> actor.equals("actor-unackedHostedThere") ? "dead" : "alive")
                .stream().map(PendingCalls.Pending::callId).sorted().toList();
        assertEquals(List.of("acceptedThere", "unackedHostedThere"), lost);
        doneLater.complete(new StoredValue.Inline(1, new byte[] {1}));
        assertEquals(List.of("acceptedElsewhere"), calls.inFlight().stream().map(PendingCalls.Pending::callId).toList(),
                "finished calls are forgotten");
        assertTrue(calls.takeCallsOn("dead", a -> "dead").isEmpty());
    }
}
