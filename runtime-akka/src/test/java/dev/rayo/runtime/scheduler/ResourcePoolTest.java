package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ResourceSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One node's resources: what is taken and given back, GPU ids whole and shared, CPUs lent by blocked tasks. */
class ResourcePoolTest {

    private static ResourceSet of(Object... nameAmount) {
        Map<String, Double> amounts = new java.util.HashMap<>();
        for (int i = 0; i < nameAmount.length; i += 2) {
            amounts.put((String) nameAmount[i], ((Number) nameAmount[i + 1]).doubleValue());
        }
        return ResourceSet.ofAmounts(amounts);
    }

    private static double free(ResourcePool pool, String name) {
        return pool.available().get(name) / (double) ResourceSet.UNIT;
    }

    @Test
    void acquiringTakesWhatIsFreeAndReleasingGivesItBack() {
        ResourcePool pool = new ResourcePool(of("CPU", 4));
        Allocation three = pool.tryAcquire(of("CPU", 3));
        assertNotNull(three);
        assertEquals(of("CPU", 3), three.resources());
        assertEquals(List.of(), three.gpuIds(), "no GPU asked, none assigned");
        assertEquals(1.0, free(pool, "CPU"));

        assertNull(pool.tryAcquire(of("CPU", 2)), "more than is free now");
        assertEquals(1.0, free(pool, "CPU"), "a refused request takes nothing");

        pool.release(three);
        assertEquals(of("CPU", 4), pool.available());
        assertEquals(of("CPU", 4), pool.total(), "the total never moves");
        assertNotNull(pool.tryAcquire(of("CPU", 4)));
    }

    @Test
    void fractionalCpusAddUpExactly() {
        ResourcePool pool = new ResourcePool(of("CPU", 1));
        List<Allocation> tenths = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Allocation a = pool.tryAcquire(of("CPU", 0.1));
            assertNotNull(a, "tenth " + i + " fits");
            tenths.add(a);
        }
        assertEquals(0, pool.available().get("CPU"), "ten tenths make exactly one CPU");
        assertNull(pool.tryAcquire(of("CPU", 0.1)));
        tenths.forEach(pool::release);
        assertEquals(of("CPU", 1), pool.available());
        assertNotNull(pool.tryAcquire(of("CPU", 0.5)));
        assertNotNull(pool.tryAcquire(of("CPU", 0.5)));
        assertNull(pool.tryAcquire(of("CPU", 0.5)));
    }

    @Test
    void wholeGpuRequestsGetDistinctFullyFreeIds() {
        ResourcePool pool = new ResourcePool(of("CPU", 8, "GPU", 4));
        Allocation first = pool.tryAcquire(of("CPU", 1, "GPU", 1));
        Allocation pair = pool.tryAcquire(of("CPU", 1, "GPU", 2));
        assertEquals(List.of(0), first.gpuIds());
        assertEquals(List.of(1, 2), pair.gpuIds());
        assertNull(pool.tryAcquire(of("GPU", 2)), "one GPU left");
        Allocation last = pool.tryAcquire(of("GPU", 1));
        assertEquals(List.of(3), last.gpuIds());

        pool.release(pair);
        assertEquals(2.0, free(pool, "GPU"));
        assertEquals(List.of(1, 2), pool.tryAcquire(of("GPU", 2)).gpuIds(), "released ids are handed out again");
        pool.release(first);
        assertEquals(List.of(0), pool.tryAcquire(of("GPU", 1)).gpuIds());
    }

    @Test
    void halfGpusShareOneIdAndAWholeGpuSkipsAPartlyUsedOne() {
        ResourcePool pool = new ResourcePool(of("GPU", 2));
        Allocation halfA = pool.tryAcquire(of("GPU", 0.5));
        Allocation whole = pool.tryAcquire(of("GPU", 1));
        Allocation halfB = pool.tryAcquire(of("GPU", 0.5));
        assertEquals(List.of(0), halfA.gpuIds());
        assertEquals(List.of(1), whole.gpuIds(), "GPU 0 is half used: a whole GPU must be another one");
        assertEquals(List.of(0), halfB.gpuIds(), "the second half shares GPU 0");
        assertEquals(0, pool.available().get("GPU"));
        assertNull(pool.tryAcquire(of("GPU", 0.5)));

        pool.release(whole);
        Allocation halfC = pool.tryAcquire(of("GPU", 0.5));
        assertEquals(List.of(1), halfC.gpuIds());
        pool.release(halfA);
        assertNull(pool.tryAcquire(of("GPU", 1)), "one GPU is free in all, but as two halves of GPUs 0 and 1");
        assertEquals(1.0, free(pool, "GPU"), "the refused request took nothing");
        pool.release(halfB);
        assertEquals(List.of(0), pool.tryAcquire(of("GPU", 1)).gpuIds(), "both halves back: GPU 0 is whole again");
        assertEquals(List.of(1), pool.tryAcquire(of("GPU", 0.5)).gpuIds(), "GPU 1 still has its free half");
    }

    @Test
    void aFractionNeedsOneGpuWithThatMuchFreeNotTheSumOverGpus() {
        ResourcePool pool = new ResourcePool(of("CPU", 2, "GPU", 2));
        assertEquals(List.of(0), pool.tryAcquire(of("GPU", 0.6)).gpuIds());
        assertEquals(List.of(1), pool.tryAcquire(of("GPU", 0.6)).gpuIds(), "GPU 0 has only 0.4 left");
        assertEquals(0.8, free(pool, "GPU"), 1e-9);
        assertNull(pool.tryAcquire(of("CPU", 1, "GPU", 0.5)), "0.8 free in all, but no GPU has 0.5");
        assertEquals(2.0, free(pool, "CPU"), "the refused request took no CPU either");
        assertEquals(0.8, free(pool, "GPU"), 1e-9);
        assertEquals(List.of(0), pool.tryAcquire(of("GPU", 0.4)).gpuIds());
    }

    @Test
    void aBlockedTaskLendsItsCpusAndTakesThemBackEvenPastCapacity() {
        ResourcePool pool = new ResourcePool(of("CPU", 2, "GPU", 1));
        Allocation blocked = pool.tryAcquire(of("CPU", 2, "GPU", 1));
        assertNull(pool.tryAcquire(of("CPU", 1)));

        pool.lendCpus(blocked.resources().only("CPU"));
        assertEquals(2.0, free(pool, "CPU"));
        assertEquals(0, pool.available().get("GPU"), "only CPUs are lent, never the GPU");
        Allocation borrower = pool.tryAcquire(of("CPU", 2));
        assertNotNull(borrower, "the lent CPUs run another task");

        pool.reclaimCpus(blocked.resources().only("CPU"));
        assertEquals(-2.0, free(pool, "CPU"), "the resumed task never waits: the pool goes over capacity");
        assertNull(pool.tryAcquire(of("CPU", 0.5)), "nothing starts while over capacity");

        pool.release(borrower);
        assertEquals(0.0, free(pool, "CPU"));
        assertNull(pool.tryAcquire(of("CPU", 0.5)));
        pool.release(blocked);
        assertEquals(pool.total(), pool.available(), "everything back once both are done");
    }

    @Test
    void infeasibleMeansNeverOnThisNodeNotJustNotNow() {
        ResourcePool pool = new ResourcePool(of("CPU", 4, "GPU", 1, "Custom", 2));
        Allocation all = pool.tryAcquire(of("CPU", 4, "GPU", 1, "Custom", 2));
        assertNotNull(all);
        assertTrue(pool.isFeasible(of("CPU", 4)), "busy now, but the node could run it");
        assertNull(pool.tryAcquire(of("CPU", 4)));
        assertFalse(pool.isFeasible(of("CPU", 5)));
        assertFalse(pool.isFeasible(of("GPU", 2)));
        assertFalse(pool.isFeasible(of("CPU", 1, "Custom", 3)));
        assertFalse(pool.isFeasible(of("TPU", 1)), "a resource the node doesn't offer at all");
        assertTrue(pool.isFeasible(ResourceSet.EMPTY));
    }

    @Test
    void customResourcesAreCountedLikeCpus() {
        ResourcePool pool = new ResourcePool(of("CPU", 4, "accelerator_type:A100", 1, "Custom", 2));
        Allocation a = pool.tryAcquire(of("CPU", 1, "Custom", 1));
        Allocation b = pool.tryAcquire(of("Custom", 1, "accelerator_type:A100", 0.5));
        assertNotNull(a);
        assertNotNull(b);
        assertEquals(List.of(), b.gpuIds());
        assertNull(pool.tryAcquire(of("Custom", 1)), "both Custom units are taken");
        assertEquals(3.0, free(pool, "CPU"), "the refused request took no CPU");
        assertEquals(0.5, free(pool, "accelerator_type:A100"));
        pool.release(a);
        assertEquals(1.0, free(pool, "Custom"));
        assertNotNull(pool.tryAcquire(of("Custom", 1, "accelerator_type:A100", 0.5)));
        assertEquals(0, pool.available().get("accelerator_type:A100"));
    }

    @Test
    void anEmptyRequestAlwaysFitsAndHoldsNothing() {
        ResourcePool pool = new ResourcePool(of("CPU", 1));
        pool.tryAcquire(of("CPU", 1));
        Allocation none = pool.tryAcquire(ResourceSet.EMPTY);
        assertNotNull(none);
        assertEquals(ResourceSet.EMPTY, none.resources());
        pool.release(none);
        assertEquals(0, pool.available().get("CPU"));
    }
}
