package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorLifetime;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Named actors as a Ray user meets them: names live in the driver's namespace, which its tasks and actors
 * share wherever they run; a taken name is an {@link IllegalArgumentException}; of creators racing for one
 * name exactly one wins.
 */
class NamedActorsTest {
    @TempDir
    static Path journalDir;

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(() -> RayoConfig.builder().numCpus(4)
            .namespace("team-a").set("rayo.persistence.h2-file", journalDir.resolve("journal").toString()).build());

    public static boolean taskFinds(String name) {
        return Rayo.getActor(name).isPresent();
    }

    public static boolean taskFindsIn(String name, String namespace) {
        return Rayo.getActor(name, namespace).isPresent();
    }

    public static String taskCreates(String name) {
        return Rayo.actor(Counter::new, 7).setName(name).setLifetime(ActorLifetime.DETACHED).remote().actorId();
    }

    @Test
    void namesLiveInTheDriversNamespaceWhichItsTasksShare() {
        ActorHandle<Counter> c = Rayo.actor(Counter::new, 10).setName("ns-counter").setLifetime(ActorLifetime.DETACHED).remote();
        assertEquals(c.actorId(), Rayo.<Counter>getActor("ns-counter").orElseThrow().actorId());
        assertEquals(c.actorId(), Rayo.<Counter>getActor("ns-counter", "team-a").orElseThrow().actorId());
        assertTrue(Rayo.getActor("ns-counter", "default").isEmpty(), "not in another namespace");
        assertTrue(Rayo.get(Rayo.task(NamedActorsTest::taskFinds, "ns-counter").remote()), "a task runs in team-a");
        assertTrue(!Rayo.get(Rayo.task(NamedActorsTest::taskFindsIn, "ns-counter", "other").remote()));

        String made = Rayo.get(Rayo.task(NamedActorsTest::taskCreates, "made-by-task").remote());
        Optional<ActorHandle<Counter>> found = Rayo.getActor("made-by-task");
        assertEquals(made, found.orElseThrow().actorId(), "a task names its actors in its driver's namespace");
        assertEquals(8, Rayo.get(found.get().task(Counter::increment).remote()));
    }

    @Test
    void badNamespaceOrNameIsAClearErrorAndTheRuntimeStillServes() {
        assertThrows(IllegalArgumentException.class, () -> Rayo.getActor("x", null));
        assertThrows(IllegalArgumentException.class, () -> Rayo.getActor("x", " "));
        assertThrows(IllegalArgumentException.class, () -> Rayo.getActor(null));
        assertThrows(IllegalArgumentException.class, () -> RayoConfig.builder().namespace(""));
        assertEquals(2, Rayo.get(Rayo.task(Fns::f, 1).remote()));
    }

    @Test
    void aKilledJournalActorFreesItsNameAsAnInMemoryOneDoes() {
        for (ActorPersistence persistence : List.of(ActorPersistence.JOURNAL, ActorPersistence.NONE)) {
            String name = "freed-" + persistence;
            ActorHandle<Counter> first = Rayo.actor(Counter::new, 1).setName(name).setPersistence(persistence).remote();
            assertEquals(2, Rayo.get(first.task(Counter::increment).remote()));
            first.kill();
            Eventually.within(Duration.ofSeconds(20)).describedAs("the killed " + persistence + " actor's name is free")
                    .until(() -> Rayo.getActor(name).isEmpty());
            ActorHandle<Counter> second = Rayo.actor(Counter::new, 10).setName(name).setPersistence(persistence).remote();
            assertEquals(11, Rayo.get(Rayo.<Counter>getActor(name).orElseThrow().task(Counter::increment).remote()));
            assertEquals(second.actorId(), Rayo.getActor(name).orElseThrow().actorId());
        }
    }

    @Test
    void ofThreadsRacingForOneNameExactlyOneWins() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 8; round++) {
                String name = "raced-" + round;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<String>> attempts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    attempts.add(pool.submit(() -> {
                        start.await();
                        try {
                            return Rayo.actor(Counter::new).setName(name).setLifetime(ActorLifetime.DETACHED).remote().actorId();
                        } catch (IllegalArgumentException taken) {
                            return null;
                        }
                    }));
                }
                List<String> winners = new ArrayList<>();
                for (Future<String> a : attempts) {
                    String id = a.get(60, TimeUnit.SECONDS);
                    if (id != null) {
                        winners.add(id);
                    }
                }
                assertEquals(1, winners.size(), "round " + round + ": winners " + winners);
                assertEquals(winners.get(0), Rayo.getActor(name).orElseThrow().actorId());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
