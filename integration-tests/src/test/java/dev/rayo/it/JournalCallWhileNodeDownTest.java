package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A driver kills (SIGKILL) the worker holding a JOURNAL actor ({@code setMaxRestarts(3)}) and calls the actor
 * while that node is dead but not yet removed from the cluster (Akka needs 11-13 s to remove it). No actor
 * acknowledged that call, so it must not fail with the node: it is sent again once the node is removed and
 * answered by the actor recovered from the journal (a real PostgreSQL) on the other worker.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class JournalCallWhileNodeDownTest {

    @Test
    void aCallMadeWhileTheActorsNodeIsDeadButNotRemovedReachesTheRecoveredActor() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start()) {
            Path conf = pg.nodeConfig();
            int headPort = TestNodes.freePort();
            Map<String, NodeProcess> workers = new HashMap<>();
            NodeProcess head = TestNodes.start("down-journal-head", "--head", "--port", Integer.toString(headPort),
                    "--num-cpus", "1", "--config", conf.toString());
            try {
                for (int i = 1; i <= 2; i++) {
                    NodeProcess w = TestNodes.start("down-journal-worker" + i, "--address", "127.0.0.1:" + headPort,
                            "--num-cpus", "2", "--resources", "{\"Worker\": 2}", "--config", conf.toString());
                    workers.put(w.hostPort(), w);
                }
                Rayo.init(pg.driverConfig("127.0.0.1:" + headPort));
                ActorHandle<ClusterFns.Tally> tally = Rayo.actor(ClusterFns.Tally::new).setResource("Worker", 1)
                        .setPersistence(ActorPersistence.JOURNAL).setMaxRestarts(3).remote();
                for (int i = 1; i <= 3; i++) {
                    assertEquals(i, Rayo.get(tally.task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(60)));
                }
                String host = Rayo.get(tally.task(ClusterFns.Tally::node).remote());
                NodeProcess victim = workers.remove(host);
                victim.close();
                Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(20))
                        .describedAs("the killed node is unreachable").until(() -> isUnreachable(victim.address()));

                ObjectRef<Integer> duringTheWindow = tally.task(ClusterFns.Tally::add, 1).remote();
                assertTrue(isMember(victim.address()), "the call was made while the dead node was still a member");
                assertEquals(4, Rayo.get(duringTheWindow, Duration.ofSeconds(90)),
                        "the unacknowledged call reached the actor recovered from its journal");
                assertTrue(!isMember(victim.address()), "answered after the dead node's removal");
                assertEquals(5, Rayo.get(tally.task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(60)));
                String after = Rayo.get(tally.task(ClusterFns.Tally::node).remote());
                assertTrue(!after.equals(host), "the actor now lives on the other worker");
            } finally {
                Rayo.shutdown();
                workers.values().forEach(NodeProcess::close);
                head.close();
                Files.deleteIfExists(conf);
            }
        }
    }

    private static akka.cluster.ClusterEvent.CurrentClusterState clusterState() {
        return akka.cluster.typed.Cluster.get(((AkkaRayoRuntime) Rayo.runtime()).system()).state();
    }

    private static boolean isMember(String address) {
        return hasAddress(clusterState().getMembers(), address);
    }

    private static boolean isUnreachable(String address) {
        return hasAddress(clusterState().getUnreachable(), address);
    }

    private static boolean hasAddress(Iterable<akka.cluster.Member> members, String address) {
        for (akka.cluster.Member m : members) {
            if (m.address().toString().equals(address)) {
                return true;
            }
        }
        return false;
    }
}
