package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller sends again every actor call it has no acknowledgement for; the actor must run each call once.
 * Here every call in flight is sent a second time while the actor works through them.
 */
class DuplicateCallsTest {

    public static class SlowCounter {
        private int value;

        public int increment() throws InterruptedException {
            Thread.sleep(20);
            return ++value;
        }
    }

    private static void eachCallRunsOnce(AkkaRayoRuntime runtime, ActorHandle<SlowCounter> counter) {
        List<ObjectRef<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(counter.task(SlowCounter::increment).remote());
        }
        int resent = runtime.sendPendingCallsAgain();
        assertTrue(resent > 0, "calls were still in flight");
        List<Integer> values = Rayo.get(results);
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 1, values.get(i), "call " + i);
        }
        assertEquals(21, Rayo.get(counter.task(SlowCounter::increment).remote()), "no copy ran");
    }

    /** A plain actor, on a node of its own per test. */
    @Nested
    class InMemory {
        @RegisterExtension
        final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

        @Test
        void anActorRunsACallSentTwiceOnce() {
            eachCallRunsOnce(rayo.runtime(AkkaRayoRuntime.class), Rayo.actor(SlowCounter::new).remote());
        }
    }

    /** A JOURNAL actor, on a node of its own per test with the test's H2 journal. */
    @Nested
    class Journaled {
        @TempDir
        Path journalDir;

        @RegisterExtension
        final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(() -> RayoConfig.builder().numCpus(2)
                .set("rayo.persistence.h2-file", journalDir.resolve("journal").toString()).build());

        @Test
        void aJournalActorRunsACallSentTwiceOnce() {
            eachCallRunsOnce(rayo.runtime(AkkaRayoRuntime.class),
                    Rayo.actor(SlowCounter::new).setPersistence(ActorPersistence.JOURNAL).remote());
        }
    }
}
