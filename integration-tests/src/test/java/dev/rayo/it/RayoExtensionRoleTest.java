package dev.rayo.it;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.RayoRuntime;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.RayoExtension;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code rayo.akka.role} in a two-member cluster: this JVM is a service member with Rayo as an extension
 * but without the role, a {@code rayo start --head} process (role "head") is the other member. The service
 * submits tasks and creates an actor; all of them run on the head, although this JVM offers CPUs in its
 * configuration and placement would otherwise keep work local.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class RayoExtensionRoleTest {

    @Test
    void tasksAndActorsRunOnlyOnTheMemberWithTheRole() throws Exception {
        int headPort = TestNodes.freePort();
        NodeProcess head = TestNodes.start("head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "2");
        ActorSystem<Void> service = null;
        try {
            service = ActorSystem.create(Behaviors.empty(), "rayo", ConfigFactory.parseString(
                    "akka.cluster.seed-nodes = [\"akka://rayo@127.0.0.1:" + headPort + "\"]\n"
                            + "akka.cluster.roles = [web]\n"
                            + "akka.loglevel = WARNING\n"
                            + "rayo.akka.role = head\n"
                            + "rayo.num-cpus = 4\n"
                            + "rayo.dashboard.enabled = off")
                    .withFallback(ConfigFactory.parseResources("rayo-node.conf"))
                    .withFallback(ConfigFactory.load()).resolve());
            ActorSystem<Void> system = service;
            Eventually.within(Duration.ofSeconds(60)).describedAs("the service is a member")
                    .until(() -> Cluster.get(system).selfMember().status() == MemberStatus.up());
            RayoExtension extension = RayoExtension.get(service);
            assertFalse(extension.runsWork());
            RayoRuntime rt = extension.runtime();
            AkkaRayoRuntime akkaRt = (AkkaRayoRuntime) rt;
            Eventually.within(Duration.ofSeconds(60)).describedAs("the service sees the head's CPUs")
                    .until(() -> akkaRt.clusterView().nodes().stream().filter(n -> n.total().get("CPU") > 0)
                            .map(NodeInfo::nodeId).toList(), nodes -> nodes.contains(head.hostPort()));

            List<ObjectRef<String>> refs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                refs.add(rt.task(ClusterFns::whereAmI, 20).remote());
            }
            assertEquals(Set.of(head.hostPort()), new HashSet<>(rt.get(refs)), "every task ran on the head");
            ActorHandle<ClusterFns.Tally> tally = rt.actor(ClusterFns.Tally::new).remote();
            assertEquals(head.hostPort(), rt.get(tally.task(ClusterFns.Tally::node).remote()), "the actor lives on the head");
            assertEquals(5, rt.get(tally.task(ClusterFns.Tally::add, 5).remote()));
        } finally {
            if (service != null) {
                service.terminate();
                service.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            TestNodes.closeAll(head);
        }
    }
}
