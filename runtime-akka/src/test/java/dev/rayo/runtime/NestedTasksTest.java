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
        assertEquals(2, mostRunningAtOnce(10, 50));
    }

    /**
     * Resumed tasks take their CPUs back past capacity; once they finish, their lanes must give those CPUs
     * back rather than idle with them, or the next tasks run on more CPUs than the node has.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void cpuLimitHoldsAgainAfterBlockedTasksResume() {
        for (int round = 0; round < 5; round++) {
            assertEquals(20, Rayo.get(Rayo.task(NestedTasksTest::deep, 20).remote()));
            assertEquals(2, mostRunningAtOnce(10, 20), "round " + round);
        }
    }

    private static int mostRunningAtOnce(int tasks, int millis) {
        Fns.RUNNING.set(0);
        Fns.MAX_RUNNING.set(0);
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            refs.add(Rayo.task(Fns::tracked, millis).remote());
        }
        Rayo.get(refs);
        return Fns.MAX_RUNNING.get();
    }
}
