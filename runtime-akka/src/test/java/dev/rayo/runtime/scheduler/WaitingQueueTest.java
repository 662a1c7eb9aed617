package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ResourceSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grants in arrival order across shapes; a shape that doesn't fit sits out the pass without blocking smaller ones. */
class WaitingQueueTest {
    private static final ResourceSet ONE_CPU = cpus(1);
    private static final ResourceSet TWO_CPUS = cpus(2);
    private static final ResourceSet FOUR_CPUS = cpus(4);
    private static final ResourceSet ONE_GPU = ResourceSet.ofAmounts(Map.of(ResourceSet.GPU, 1.0));

    private static ResourceSet cpus(double n) {
        return ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, n));
    }

    /** Grants from a real pool and records what started, in order, and which shapes were asked for. */
    private static final class Pass {
        final ResourcePool pool;
        final List<String> started = new ArrayList<>();
        final List<Allocation> allocations = new ArrayList<>();
        final List<ResourceSet> asked = new ArrayList<>();

        Pass(ResourceSet total) {
            pool = new ResourcePool(total);
        }

        int run(WaitingQueue<String> queue) {
            Function<ResourceSet, Allocation> acquire = shape -> {
                asked.add(shape);
                return pool.tryAcquire(shape);
            };
            return queue.grant(acquire, (item, allocation) -> {
                started.add(item);
                allocations.add(allocation);
            });
        }
    }

    @Test
    void anEmptyQueueGrantsNothingAndAsksForNothing() {
        WaitingQueue<String> queue = new WaitingQueue<>();
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
        Pass pass = new Pass(FOUR_CPUS);
        assertEquals(0, pass.run(queue));
        assertEquals(List.of(), pass.asked, "no resources are asked for when nothing waits");
        assertEquals(List.of(), pass.started);
    }

    @Test
    void removedEntriesLeaveAndTheRestKeepTheirOrder() {
        WaitingQueue<String> queue = new WaitingQueue<>();
        queue.add("a", ONE_CPU);
        queue.add("g1", ONE_GPU);
        queue.add("b", ONE_CPU);
        queue.add("c", TWO_CPUS);
        assertEquals(List.of("b"), queue.removeIf("b"::equals));
        assertEquals(List.of("g1"), queue.removeIf("g1"::equals), "the last of its shape");
        assertEquals(List.of(), queue.removeIf("nosuch"::equals));
        assertEquals(2, queue.size());
        Pass pass = new Pass(FOUR_CPUS);
        assertEquals(2, pass.run(queue));
        assertEquals(List.of("a", "c"), pass.started);
        assertEquals(List.of(ONE_CPU, TWO_CPUS), pass.asked, "an emptied shape is not asked for");
        assertTrue(queue.isEmpty());
    }

    @Test
    void entriesOfDifferentShapesAreGrantedInArrivalOrder() {
        WaitingQueue<String> queue = new WaitingQueue<>();
        queue.add("a", ONE_CPU);
        queue.add("g1", ONE_GPU);
        queue.add("b", TWO_CPUS);
        queue.add("c", ONE_CPU);
        queue.add("g2", ONE_GPU);
        assertEquals(5, queue.size());
        assertFalse(queue.isEmpty());

        Pass pass = new Pass(ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 8.0, ResourceSet.GPU, 2.0)));
        assertEquals(5, pass.run(queue), "everything fits: every entry is granted");
        assertEquals(List.of("a", "g1", "b", "c", "g2"), pass.started);
        assertEquals(List.of(ONE_CPU, ONE_GPU, TWO_CPUS, ONE_CPU, ONE_GPU),
                pass.allocations.stream().map(Allocation::resources).toList(), "each gets what its shape asked");
        assertEquals(List.of(List.of(), List.of(0), List.of(), List.of(), List.of(1)),
                pass.allocations.stream().map(Allocation::gpuIds).toList());
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
    }

    @Test
    void aShapeThatDoesNotFitDropsOutWhileSmallerLaterShapesAreStillGranted() {
        WaitingQueue<String> queue = new WaitingQueue<>();
        queue.add("small-1", ONE_CPU);
        queue.add("big-1", FOUR_CPUS);
        queue.add("big-2", FOUR_CPUS);
        queue.add("small-2", ONE_CPU);
        queue.add("small-3", ONE_CPU);

        Pass pass = new Pass(cpus(3));
        assertEquals(3, pass.run(queue), "granted count");
        assertEquals(List.of("small-1", "small-2", "small-3"), pass.started, "the big ones don't hold back the small ones");
        assertEquals(1, pass.asked.stream().filter(FOUR_CPUS::equals).count(),
                "a shape that doesn't fit is tried once per pass, not once per waiting entry");
        assertEquals(2, queue.size(), "both big entries still wait");
        assertEquals(0, pass.pool.available().get(ResourceSet.CPU));
    }

    @Test
    void anEntryThatWaitedKeepsItsPlaceAheadOfLaterEntriesOfItsShapeAndOfOthers() {
        WaitingQueue<String> queue = new WaitingQueue<>();
        Pass pass = new Pass(FOUR_CPUS);
        Allocation held = pass.pool.tryAcquire(TWO_CPUS);
        queue.add("big", FOUR_CPUS);
        queue.add("small-1", ONE_CPU);
        assertEquals(1, pass.run(queue));
        assertEquals(List.of("small-1"), pass.started);
        queue.add("small-2", ONE_CPU);
        queue.add("big-later", FOUR_CPUS);

        pass.pool.release(held);
        pass.pool.release(pass.allocations.get(0));
        pass.started.clear();
        assertEquals(1, pass.run(queue), "only the oldest entry fits in the freed pool");
        assertEquals(List.of("big"), pass.started, "the entry that waited longest goes first");
        assertEquals(2, queue.size());
    }

    @Test
    void aPassEndsWhenNoShapeFitsAndLeavesEveryEntryForTheNext() {
        WaitingQueue<String> queue = new WaitingQueue<>();
        queue.add("x", TWO_CPUS);
        queue.add("y", ONE_GPU);
        Pass pass = new Pass(ONE_CPU);
        assertEquals(0, pass.run(queue));
        assertEquals(List.of(), pass.started);
        assertEquals(2, queue.size());
        assertEquals(List.of(TWO_CPUS, ONE_GPU), pass.asked, "each shape was tried once, oldest first");
        assertEquals(ONE_CPU, pass.pool.available(), "nothing was taken");
    }

    @Test
    void entriesAddedAfterTheirShapeEmptiedQueueBehindLaterArrivalsOfOtherShapes() {
        WaitingQueue<Object> queue = new WaitingQueue<>();
        Object first = new Object();
        queue.add(first, ONE_CPU);
        List<Object> started = new ArrayList<>();
        ResourcePool pool = new ResourcePool(ONE_CPU);
        assertEquals(1, queue.grant(pool::tryAcquire, (item, a) -> started.add(item)));
        assertSame(first, started.get(0));
        assertTrue(queue.isEmpty(), "the shape's queue is emptied");

        queue.add("gpu", ONE_GPU);
        queue.add("cpu-again", ONE_CPU);
        ResourcePool bigger = new ResourcePool(ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 1.0, ResourceSet.GPU, 1.0)));
        started.clear();
        assertEquals(2, queue.grant(bigger::tryAcquire, (item, a) -> started.add(item)));
        assertEquals(List.of("gpu", "cpu-again"), started);
    }
}
