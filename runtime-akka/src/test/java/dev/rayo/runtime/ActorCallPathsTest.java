package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call to an actor on the caller's node goes straight to it once the earlier calls were acknowledged,
 * and through sharding otherwise; whichever way each call takes, one caller's calls run in its order.
 */
class ActorCallPathsTest {
    @RegisterExtension
    final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    private AkkaRayoRuntime runtime() {
        return rayo.runtime(AkkaRayoRuntime.class);
    }

    @Test
    void callsKeepTheirOrderWhetherTheyGoDirectlyOrThroughSharding() {
        ActorHandle<Counter> counter = Rayo.actor(Counter::new).remote();
        Rayo.get(counter.task(Counter::get).remote());
        long directBefore = runtime().directActorCalls();
        List<ObjectRef<Integer>> pending = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pending.add(counter.task(Counter::record, i).remote());
            if (i % 7 == 0) {
                // Waiting for an answer lets every call so far be acknowledged: the next one may go directly.
                Rayo.get(pending.get(pending.size() - 1));
            }
        }
        Rayo.get(pending);
        assertEquals(IntStream.range(0, 300).boxed().toList(), Rayo.get(counter.task(Counter::seen).remote()));
        assertTrue(runtime().directActorCalls() - directBefore >= 40, "calls after an answer went directly");
    }

    @Test
    void aCallMadeAfterKillNeverRunsEvenWhenTheKillCameWhileTheActorStarted() {
        for (int i = 0; i < 20; i++) {
            ActorHandle<Counter> counter = Rayo.actor(Counter::new).remote();
            counter.kill();
            assertThrows(RayoActorException.class, () -> Rayo.get(counter.task(Counter::increment).remote()));
        }
    }

    @Test
    void aKilledActorFailsCallsWhicheverWayTheyCome() {
        ActorHandle<Counter> counter = Rayo.actor(Counter::new).remote();
        assertEquals(1, Rayo.get(counter.task(Counter::increment).remote()));
        counter.kill();
        for (int i = 0; i < 3; i++) {
            assertThrows(RayoActorException.class, () -> Rayo.get(counter.task(Counter::increment).remote()));
        }
    }
}
