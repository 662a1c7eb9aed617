package dev.rayo.runtime.ownership;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol of one process's counts: owner frees at zero with no borrower; a borrower registers once. */
class ReferenceCounterTest {
    private static final String OWNER = "akka://t@owner:1";
    private static final String BORROWER = "akka://t@borrower:2";

    /** Records what a borrower tells owners; registrations stay open until acknowledged by the test. */
    private static final class RecordingLink implements ReferenceCounter.OwnerLink {
        final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<Void>> acks = new ArrayList<>();

        @Override
        public CompletableFuture<Void> addBorrower(String ownerAddress, String key, String borrower) {
            sent.add("add " + key + "@" + ownerAddress + " by " + borrower);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            return ack;
        }

        @Override
        public void removeBorrower(String ownerAddress, String key, String borrower) {
            sent.add("remove " + key + "@" + ownerAddress + " by " + borrower);
        }
    }

    @Test
    void anOwnedKeyIsFreedOnceNoLocalHolderAndNoBorrowerIsLeft() {
        ReferenceCounter owner = new ReferenceCounter(OWNER);
        AtomicInteger freed = new AtomicInteger();
        owner.own("x", freed::incrementAndGet);
        owner.increment("x", OWNER);
        owner.addBorrower("x", BORROWER);
        owner.decrement("x", OWNER);
        assertEquals(0, freed.get(), "a borrower still holds it");
        owner.increment("x", OWNER);
        owner.removeBorrower("x", BORROWER);
        assertEquals(0, freed.get(), "a local holder still holds it");
        owner.decrement("x", OWNER);
        assertEquals(1, freed.get());
        assertFalse(owner.isOwned("x"));
        owner.increment("x", OWNER);
        owner.decrement("x", OWNER);
        assertEquals(1, freed.get(), "freed once only");
        owner.close();
    }

    @Test
    void aBorrowerRegistersOnceEndsItsBorrowAtZeroAndSettlesOnAcknowledgement() {
        ReferenceCounter borrower = new ReferenceCounter(BORROWER);
        RecordingLink link = new RecordingLink();
        borrower.linkWith(link);
        borrower.increment("x", OWNER);
        borrower.increment("x", OWNER);
        assertEquals(List.of("add x@" + OWNER + " by " + BORROWER), link.sent);
        CompletableFuture<Void> settled = borrower.registrationsSettled();
        assertFalse(settled.isDone(), "results wait for the owner to know the borrow");
        link.acks.get(0).complete(null);
        assertTrue(settled.isDone());
        borrower.decrement("x", OWNER);
        assertEquals(1, link.sent.size());
        borrower.decrement("x", OWNER);
        assertEquals("remove x@" + OWNER + " by " + BORROWER, link.sent.get(1));
        assertEquals(0, borrower.borrowedCount());
        borrower.close();
    }

    @Test
    void theDeathOfABorrowersProcessEndsItsBorrows() {
        ReferenceCounter owner = new ReferenceCounter(OWNER);
        AtomicInteger freed = new AtomicInteger();
        owner.own("x", freed::incrementAndGet);
        owner.addBorrower("x", BORROWER);
        owner.processRemoved(BORROWER);
        assertEquals(1, freed.get());
        owner.close();
    }

    @Test
    void aKeyCopiedWhereNothingFollowsItIsHeldForGood() {
        ReferenceCounter owner = new ReferenceCounter(OWNER);
        AtomicInteger freed = new AtomicInteger();
        owner.own("x", freed::incrementAndGet);
        owner.increment("x", OWNER);
        owner.holdForever("x", OWNER);
        owner.decrement("x", OWNER);
        assertEquals(0, freed.get());
        owner.close();
    }

    @Test
    void refsSerializedUnderACaptureArePinnedUntilReleased() {
        ReferenceCounter owner = new ReferenceCounter(OWNER);
        AtomicInteger freed = new AtomicInteger();
        owner.own("x", freed::incrementAndGet);
        owner.increment("x", OWNER);
        List<NestedRefs.Held> pins;
        try (NestedRefs capture = NestedRefs.open()) {
            assertTrue(NestedRefs.serialized("x", OWNER));
            pins = capture.pinIn(owner);
        }
        assertFalse(NestedRefs.serialized("x", OWNER), "no capture open any more");
        owner.decrement("x", OWNER);
        assertEquals(0, freed.get(), "the bytes hold it");
        NestedRefs.release(owner, pins);
        assertEquals(1, freed.get());
        owner.close();
    }

    @Test
    void pinsHandedOverWithAResultGoWhenTheOwnerTookThemOverOrDied() {
        ReferenceCounter maker = new ReferenceCounter(BORROWER);
        AtomicInteger freed = new AtomicInteger();
        maker.own("a", freed::incrementAndGet);
        maker.own("b", freed::incrementAndGet);
        maker.increment("a", BORROWER);
        maker.increment("b", BORROWER);
        maker.handOver("ra", OWNER, List.of(new NestedRefs.Held("a", BORROWER)));
        maker.handOver("rb", OWNER, List.of(new NestedRefs.Held("b", BORROWER)));
        assertEquals(0, freed.get(), "held for the owner of the results");
        maker.takenOver("ra");
        assertEquals(1, freed.get());
        maker.processRemoved(OWNER);
        assertEquals(2, freed.get(), "the owner of the other result died");
        maker.close();
    }

    /** Collects garbage until {@code done} holds, or fails after 10 s. */
    private static void gcUntil(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            System.gc();
            Thread.sleep(10);
        }
    }

    @Test
    void refInstancesOfOneKeyHoldItUntilTheLastIsUnreachable() throws InterruptedException {
        ReferenceCounter owner = new ReferenceCounter(OWNER);
        AtomicInteger freed = new AtomicInteger();
        owner.own("x", freed::incrementAndGet);
        List<RayoObjectRef<?>> refs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            refs.add(RayoObjectRef.owned("x", owner));
        }
        RayoObjectRef<?> last = refs.get(500);
        refs.clear();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(0, freed.get(), "one ref instance still holds it");
        assertEquals("x", last.id());
        last = null;
        gcUntil(() -> freed.get() == 1, "freed once the last ref is unreachable");
        assertFalse(owner.isOwned("x"));
        owner.close();
    }

    @Test
    void borrowedRefInstancesRegisterOnceAndEndTheBorrowWhenAllAreUnreachable() throws InterruptedException {
        ReferenceCounter borrower = new ReferenceCounter(BORROWER);
        RecordingLink link = new RecordingLink();
        borrower.linkWith(link);
        List<RayoObjectRef<?>> refs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            refs.add(RayoObjectRef.arrived("x", OWNER, borrower));
        }
        assertEquals(List.of("add x@" + OWNER + " by " + BORROWER), link.sent);
        assertEquals(1, borrower.borrowedCount());
        refs.clear();
        gcUntil(() -> borrower.borrowedCount() == 0 && link.sent.size() == 2, "the borrow ends once no ref is reachable");
        assertEquals("remove x@" + OWNER + " by " + BORROWER, link.sent.get(1));
        borrower.close();
    }
}
