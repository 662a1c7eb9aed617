package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorLifetime;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Named actors across processes, as a separate program uses them: a head and two workers (real JVMs without
 * the test classes, so the driver ships its code), this JVM as a driver in namespace "it-team", and for one
 * test a second driver JVM in another namespace. Tasks on other nodes look names up in their driver's
 * namespace and call the actors they find; creators racing for one name from three processes get it once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamedActorClusterTest {
    private static NodeProcess head;
    private static NodeProcess worker1;
    private static NodeProcess worker2;

    @BeforeAll
    static void startCluster() throws Exception {
        int headPort = TestNodes.freePort();
        head = TestNodes.startWithoutTestClasses("named-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
        String seed = "127.0.0.1:" + headPort;
        worker1 = TestNodes.startWithoutTestClasses("named-worker1", "--address", seed, "--num-cpus", "2", "--resources", "{\"OnlyW1\": 8}");
        worker2 = TestNodes.startWithoutTestClasses("named-worker2", "--address", seed, "--num-cpus", "2", "--resources", "{\"OnlyW2\": 8}");
        Rayo.init(RayoConfig.builder().address(seed).namespace("it-team")
                .set("rayo.code-path", List.of(Path.of("target", "test-classes").toAbsolutePath().toString())).build());
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50)).describedAs("the driver sees three nodes")
                .until(() -> ((AkkaRayoRuntime) Rayo.runtime()).clusterView().nodes().stream()
                        .filter(n -> n.total().get("CPU") > 0).count() == 3);
    }

    @AfterAll
    static void stopCluster() {
        try {
            Rayo.shutdown();
        } finally {
            TestNodes.closeAll(worker2, worker1, head);
        }
    }

    @Test
    @Order(1)
    void aNamedActorLookedUpInATaskOnAnotherNodeAnswersInTheDriversNamespace() {
        Rayo.actor(ClusterFns.Tally::new, 100).setName("looked-up").setLifetime(ActorLifetime.DETACHED).setResource("OnlyW1", 1).remote();
        ObjectRef<Integer> viaTask = Rayo.task(ClusterFns::lookupAndAdd, "looked-up", 1).setResource("OnlyW2", 1).remote();
        assertEquals(101, Rayo.get(viaTask, Duration.ofSeconds(30)), "found and called from worker 2");
        assertFalse(Rayo.get(Rayo.task(ClusterFns::existsIn, "looked-up", "default").setResource("OnlyW2", 1).remote()),
                "the name is not in the namespace of the node the task runs on");
        assertEquals(102, Rayo.get(Rayo.<ClusterFns.Tally>getActor("looked-up").orElseThrow()
                .task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(30)));

        // On the actor's own node (the call goes straight to the entity), several tasks at once.
        Rayo.actor(ClusterFns.Tally::new, 0).setName("beside").setLifetime(ActorLifetime.DETACHED).setResource("OnlyW2", 1).remote();
        List<ObjectRef<Integer>> beside = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            beside.add(Rayo.task(ClusterFns::lookupAndAdd, "beside", 1).setResource("OnlyW2", 1).remote());
        }
        assertEquals(List.of(1, 2, 3, 4), Rayo.get(beside, Duration.ofSeconds(30)).stream().sorted().toList());

        String made = Rayo.get(Rayo.task(ClusterFns::createNamed, "made-on-w2").setResource("OnlyW2", 1).remote());
        assertEquals(made, Rayo.getActor("made-on-w2").orElseThrow().actorId(), "named in the driver's namespace");
        assertEquals(101, Rayo.get(Rayo.task(ClusterFns::lookupAndAdd, "made-on-w2", 1).setResource("OnlyW2", 1).remote(),
                Duration.ofSeconds(30)));
    }

    @Test
    @Order(2)
    void ofCreatorsInThreeProcessesRacingForOneNameExactlyOneWins() throws Exception {
        for (int round = 0; round < 6; round++) {
            String name = "raced-" + round;
            long at = System.currentTimeMillis() + 2500;
            List<ObjectRef<String>> remote = new ArrayList<>();
            for (String resource : List.of("OnlyW1", "OnlyW1", "OnlyW2", "OnlyW2")) {
                remote.add(Rayo.task(ClusterFns::claimAt, name, at).setResource(resource, 1).remote());
            }
            CompletableFuture<String> local = CompletableFuture.supplyAsync(() -> {
                try {
                    return ClusterFns.claimAt(name, at);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> outcomes = new ArrayList<>(Rayo.get(remote, Duration.ofSeconds(60)));
            outcomes.add(local.get(60, TimeUnit.SECONDS));
            List<String> winners = outcomes.stream().filter(id -> !id.isEmpty()).toList();
            assertEquals(1, winners.size(), "round " + round + ": " + outcomes);
            assertEquals(winners.get(0), Rayo.getActor(name).orElseThrow().actorId());
        }
    }

    @Test
    @Order(3)
    void anotherDriversNamespaceHoldsItsOwnNames() throws Exception {
        Rayo.actor(ClusterFns.Tally::new, 5).setName("shared-name").setLifetime(ActorLifetime.DETACHED).remote();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-Dlogback.configurationFile=" + TestNodes.CLI_LOGBACK, "-cp", System.getProperty("java.class.path"),
                NamespaceDriver.class.getName(), head.hostPort(), "other-team", "shared-name",
                Path.of("target", "test-classes").toAbsolutePath().toString()));
        Process other = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("READY"));
            assertTrue(line != null, "the second driver never got ready (the name is free in its namespace)");
            String theirs = line.substring("READY ".length());
            ActorHandle<ClusterFns.Tally> found = Rayo.<ClusterFns.Tally>getActor("shared-name", "other-team").orElseThrow();
            assertEquals(theirs, found.actorId());
            assertEquals(1001, Rayo.get(found.task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(30)));
            assertEquals(6, Rayo.get(Rayo.<ClusterFns.Tally>getActor("shared-name").orElseThrow()
                    .task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(30)), "ours is another actor");
        } finally {
            other.destroyForcibly();
        }
    }
}
