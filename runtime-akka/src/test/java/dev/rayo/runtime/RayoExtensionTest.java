package dev.rayo.runtime;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoRuntime;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rayo as an extension of a service's own actor system, configured from that system's configuration. */
class RayoExtensionTest {

    @Test
    void oneExtensionPerSystemRunsTasksAndActorsOnAMemberWithTheRole() throws Exception {
        ActorSystem<Void> app = service("[\"rayo-worker\", \"web\"]");
        try {
            RayoExtension rayo = RayoExtension.get(app);
            assertSame(rayo, RayoExtension.get(app), "one extension per actor system");
            assertTrue(rayo.runsWork());
            RayoRuntime rt = rayo.runtime();
            assertEquals(2, ((AkkaRayoRuntime) rt).settings().numCpus(), "rayo.num-cpus of the service's config");
            assertEquals(3, rt.get(rt.task(Fns::add, 1, 2).remote()));
            ActorHandle<Counter> counter = rt.actor(Counter::new, 10).remote();
            assertEquals(11, rt.get(counter.task(Counter::increment).remote()));
            assertEquals(16, rt.get(counter.task(Counter::add, 5).remote()));
        } finally {
            stop(app);
        }
    }

    @Test
    void aMemberWithoutTheRoleOffersNoResources() throws Exception {
        ActorSystem<Void> app = service("[\"web\"]");
        try {
            RayoExtension rayo = RayoExtension.get(app);
            assertFalse(rayo.runsWork());
            AkkaRayoRuntime rt = (AkkaRayoRuntime) rayo.runtime();
            assertEquals(0, rt.settings().numCpus());
            assertEquals(0, rt.settings().numGpus());
            assertTrue(rt.settings().customResources().isEmpty(), "custom resources are withheld too");
            Eventually.within(Duration.ofSeconds(10)).untilAsserted(() -> {
                // the node table lists this member only once it has published its resources
                NodeInfo self = rt.clusterView().node(rt.clusterView().selfAddress())
                        .orElseThrow(() -> new AssertionError("this member is not in the node table yet"));
                assertEquals(0, self.total().get(ResourceSet.CPU), "the node table shows no CPU here");
            });
        } finally {
            stop(app);
        }
    }

    private static ActorSystem<Void> service(String roles) {
        ActorSystem<Void> app = ActorSystem.create(Behaviors.empty(), "my-service", ConfigFactory.parseString(
                "akka.actor.provider = cluster\nakka.remote.artery.canonical.port = 0\nakka.loglevel = WARNING\n"
                        + "akka.cluster.roles = " + roles + "\n"
                        + "rayo.num-cpus = 2\nrayo.resources { Custom = 1 }\nrayo.akka.role = rayo-worker")
                .withFallback(ConfigFactory.load()));
        Cluster.get(app).manager().tell(Join.create(Cluster.get(app).selfMember().address()));
        return app;
    }

    private static void stop(ActorSystem<Void> app) throws Exception {
        app.terminate();
        app.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Rayo.shutdown();
    }
}
