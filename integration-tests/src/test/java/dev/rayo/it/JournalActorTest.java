package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.Rayo;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JOURNAL Counter on a worker, journaled in a real PostgreSQL (config/postgres.conf), receives 500
 * increments; the worker hosting it is killed with SIGKILL after 250 were acknowledged; the entity
 * recovers on another node from the journal and every later answer is exactly one more than the last
 * acknowledged one.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class JournalActorTest {

    @Test
    void journalActorRecoversExactlyOnAnotherNodeAfterKillMinus9() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start()) {
            Path conf = pg.nodeConfig();
            int headPort = TestNodes.freePort();
            Map<String, NodeProcess> workers = new HashMap<>();
            NodeProcess head = TestNodes.start("journal-head", "--head", "--port", Integer.toString(headPort),
                    "--num-cpus", "1", "--config", conf.toString());
            try {
                for (int i = 1; i <= 2; i++) {
                    NodeProcess w = TestNodes.start("journal-worker" + i, "--address", "127.0.0.1:" + headPort,
                            "--num-cpus", "2", "--resources", "{\"Worker\": 2}", "--config", conf.toString());
                    workers.put(w.hostPort(), w);
                }
                Rayo.init(pg.driverConfig("127.0.0.1:" + headPort));
                ActorHandle<ClusterFns.Tally> tally = Rayo.actor(ClusterFns.Tally::new)
                        .setResource("Worker", 1).setPersistence(ActorPersistence.JOURNAL).remote();
                int acknowledged = 0;
                int failedInFlight = 0;
                String host = Rayo.get(tally.task(ClusterFns.Tally::node).remote());
                for (int i = 0; i < 500; i++) {
                    if (acknowledged == 250 && workers.containsKey(host)) {
                        NodeProcess victim = workers.remove(host);
                        victim.close();
                        awaitRemoved(victim.address());
                    }
                    try {
                        int total = Rayo.get(tally.task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(90));
                        assertEquals(acknowledged + 1, total, "exactly the acknowledged calls, then this one");
                        acknowledged = total;
                    } catch (RayoActorException inFlight) {
                        failedInFlight++;
                        i--;
                    }
                }
                String after = Rayo.get(tally.task(ClusterFns.Tally::node).remote());
                System.out.println("journal actor: 500 acknowledged increments, moved from " + host + " to " + after
                        + ", " + failedInFlight + " call(s) failed in flight and were sent again");
                assertEquals(500, acknowledged);
                assertTrue(!after.equals(host), "the actor now lives on another node");
            } finally {
                Rayo.shutdown();
                workers.values().forEach(NodeProcess::close);
                head.close();
                Files.deleteIfExists(conf);
            }
        }
    }

    private static void awaitRemoved(String address) {
        akka.cluster.typed.Cluster cluster = akka.cluster.typed.Cluster.get(((AkkaRayoRuntime) Rayo.runtime()).system());
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50)).describedAs("the killed node is removed")
                .until(() -> java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                        .noneMatch(m -> m.address().toString().equals(address)));
    }
}
