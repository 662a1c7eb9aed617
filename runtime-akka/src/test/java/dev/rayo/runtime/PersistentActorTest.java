package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.runtime.actor.RayoActorHandle;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * JOURNAL and CHECKPOINT actors on the embedded default's H2 journal: the node stops (its actors with
 * it), a new one starts on the same journal, and the actor's state is what the acknowledged calls made.
 */
class PersistentActorTest {
    @TempDir
    Path journalDir;

    /** A node per test on the test's journal; {@code rayo.restart()} starts a new one on the same journal. */
    @RegisterExtension
    final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(() -> RayoConfig.builder().numCpus(2)
            .set("rayo.persistence.h2-file", journalDir.resolve("journal").toString())
            .set("rayo.persistence.checkpoint-every", 3).build());

    private static int incrementTimes(ActorHandle<Counter> counter, int times) {
        int last = 0;
        for (int i = 0; i < times; i++) {
            last = Rayo.get(counter.task(Counter::increment).remote());
        }
        return last;
    }

    @Test
    void journalActorRecoversItsStateAfterItsNodeStops() {
        ActorHandle<Counter> counter = Rayo.actor(Counter::new, 100).setPersistence(ActorPersistence.JOURNAL).remote();
        assertEquals(105, incrementTimes(counter, 5));
        assertEquals(110, Rayo.get(counter.task(Counter::add, 5).remote()));
        String id = counter.actorId();
        rayo.restart();
        ActorHandle<Counter> again = new RayoActorHandle<>(id, "Counter", true);
        assertEquals(111, Rayo.get(again.task(Counter::increment).remote()), "replayed from the journal");
    }

    @Test
    void checkpointActorRecoversFromSnapshotPlusTail() {
        ActorHandle<Counter> counter = Rayo.actor(Counter::new).setPersistence(ActorPersistence.CHECKPOINT).remote();
        assertEquals(10, incrementTimes(counter, 10));
        String id = counter.actorId();
        rayo.restart();
        ActorHandle<Counter> again = new RayoActorHandle<>(id, "Counter", true);
        assertEquals(11, Rayo.get(again.task(Counter::increment).remote()));
    }

    @Test
    void checkpointsTakenUnderAStreamOfCallsHoldExactlyTheirCalls() {
        ActorHandle<Counter> counter = Rayo.actor(Counter::new).setPersistence(ActorPersistence.CHECKPOINT).remote();
        java.util.List<dev.rayo.api.ObjectRef<Integer>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(counter.task(Counter::increment).remote());
        }
        assertEquals(300, Rayo.get(calls).get(299));
        String id = counter.actorId();
        rayo.restart();
        ActorHandle<Counter> again = new RayoActorHandle<>(id, "Counter", true);
        assertEquals(301, Rayo.get(again.task(Counter::increment).remote()), "snapshot plus tail, nothing twice");
    }

    @Test
    void killedJournalActorStaysDeadAcrossRestarts() {
        ActorHandle<Counter> counter = Rayo.actor(Counter::new).setPersistence(ActorPersistence.JOURNAL).setName("durable").remote();
        assertEquals(1, Rayo.get(Rayo.<Counter>getActor("durable").orElseThrow().task(Counter::increment).remote()));
        counter.kill();
        assertThrows(RayoActorException.class, () -> Rayo.get(counter.task(Counter::increment).remote()));
        String id = counter.actorId();
        rayo.restart();
        assertThrows(RayoActorException.class,
                () -> Rayo.get(new RayoActorHandle<Counter>(id, "Counter", true).task(Counter::increment).remote()));
    }
}
