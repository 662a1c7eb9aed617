package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
    @TempDir
    Path journalDir;

    @AfterEach
    void stop() {
        Rayo.shutdown();
    }

    public static class SlowCounter {
        private int value;

        public int increment() throws InterruptedException {
            Thread.sleep(20);
            return ++value;
        }
    }

    private static void eachCallRunsOnce(ActorHandle<SlowCounter> counter) {
        List<ObjectRef<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(counter.task(SlowCounter::increment).remote());
        }
        int resent = ((AkkaRayoRuntime) Rayo.runtime()).sendPendingCallsAgain();
        assertTrue(resent > 0, "calls were still in flight");
        List<Integer> values = Rayo.get(results);
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 1, values.get(i), "call " + i);
        }
        assertEquals(21, Rayo.get(counter.task(SlowCounter::increment).remote()), "no copy ran");
    }

    @Test
    void anActorRunsACallSentTwiceOnce() {
        Rayo.init(RayoConfig.builder().numCpus(2).build());
        eachCallRunsOnce(Rayo.actor(SlowCounter::new).remote());
    }

    @Test
    void aJournalActorRunsACallSentTwiceOnce() {
        Rayo.init(RayoConfig.builder().numCpus(2)
                .set("rayo.persistence.h2-file", journalDir.resolve("journal").toString()).build());
        eachCallRunsOnce(Rayo.actor(SlowCounter::new).setPersistence(ActorPersistence.JOURNAL).remote());
    }
}
