package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A task blocked in get gives its CPU back: nested work on two CPUs can't deadlock. */
class NestedTasksTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fiftyTasksEachGettingFourNestedTasksComplete() {
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            refs.add(Rayo.task(Fns::h).remote());
        }
        for (int v : Rayo.get(refs)) {
            assertEquals(1 + 2 + 3 + 4, v);
        }
    }

    static int deep(int depth) {
        return depth == 0 ? 0 : 1 + Rayo.get(Rayo.task(NestedTasksTest::deep, depth - 1).remote());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deepRecursionOfBlockingTasksCompletes() {
        assertEquals(20, Rayo.get(Rayo.task(NestedTasksTest::deep, 20).remote()));
    }

    @Test
    void cpuLimitHoldsForTasksThatDoNotBlock() {
        Fns.RUNNING.set(0);
        Fns.MAX_RUNNING.set(0);
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            refs.add(Rayo.task(Fns::tracked, 50).remote());
        }
        Rayo.get(refs);
        assertEquals(2, Fns.MAX_RUNNING.get());
    }
}
