package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.runtime.actor.RayoActorHandle;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JOURNAL actor holds the resources it asks for, like an in-memory one: it gets GPU ids (at creation, in
 * its calls, and again when it is recovered from its journal), and a second actor asking for the same GPU
 * waits until the first one is killed.
 */
class PersistentActorResourcesTest {
    @TempDir
    Path journalDir;

    @RegisterExtension
    final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(() -> RayoConfig.builder().numCpus(2).numGpus(1)
            .set("rayo.persistence.h2-file", journalDir.resolve("journal").toString()).build());

    private static ActorHandle<GpuProbe> journaledProbe() {
        return Rayo.actor(GpuProbe::new).setResource("GPU", 1.0).setPersistence(ActorPersistence.JOURNAL).remote();
    }

    @Test
    void aJournalActorAskingForAGpuGetsItsIdAtCreationInCallsAndAfterRecovery() {
        ActorHandle<GpuProbe> probe = journaledProbe();
        assertEquals(List.of(0), Rayo.get(probe.task(GpuProbe::gpusAtCreation).remote()));
        assertEquals(List.of(0), Rayo.get(probe.task(GpuProbe::gpus).remote()));
        String id = probe.actorId();
        rayo.restart();
        ActorHandle<GpuProbe> recovered = new RayoActorHandle<>(id, "GpuProbe", true);
        assertEquals(List.of(0), Rayo.get(recovered.task(GpuProbe::gpus).remote()), "held again after recovery");
    }

    @Test
    void aJournalActorHoldsItsGpuUntilKilled() {
        ActorHandle<GpuProbe> first = journaledProbe();
        assertEquals(List.of(0), Rayo.get(first.task(GpuProbe::gpus).remote()));
        ActorHandle<GpuProbe> second = journaledProbe();
        ObjectRef<List<Integer>> waiting = second.task(GpuProbe::gpus).remote();
        assertTrue(Rayo.wait(List.of(waiting), 1, Duration.ofMillis(1500)).ready().isEmpty(),
                "the only GPU is held by the first actor");
        first.kill();
        assertEquals(List.of(0), Rayo.get(waiting, Duration.ofSeconds(30)));
    }
}
