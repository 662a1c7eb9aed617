package dev.rayo.runtime;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoRuntime;
import dev.rayo.api.exception.RayoException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rayo inside an Akka application's own actor system. */
class RayoAkkaTest {

    @Test
    void attachesToAnExistingClusterSystem() throws Exception {
        ActorSystem<Void> app = ActorSystem.create(Behaviors.empty(), "my-app", ConfigFactory.parseString(
                "akka.actor.provider = cluster\nakka.remote.artery.canonical.port = 0\nakka.loglevel = WARNING\n"
                        + "rayo.num-cpus = 2").withFallback(ConfigFactory.load()));
        try {
            Cluster.get(app).manager().tell(Join.create(Cluster.get(app).selfMember().address()));
            RayoRuntime rt = RayoAkka.attach(app);
            assertSame(rt, Rayo.runtime(), "the facade uses the attached runtime");
            assertEquals(3, rt.get(rt.task(Fns::add, 1, 2).remote()));
            assertEquals(3, Rayo.get(Rayo.task(Fns::add, 1, 2).remote()));
            Rayo.shutdown();
            assertTrue(!app.whenTerminated().isCompleted(), "the application's system keeps running");
        } finally {
            Rayo.shutdown();
            app.terminate();
            app.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesASystemWithoutClusterProvider() throws Exception {
        ActorSystem<Void> local = ActorSystem.create(Behaviors.empty(), "local-app",
                ConfigFactory.parseString("akka.actor.provider = local\nakka.loglevel = WARNING").withFallback(ConfigFactory.load()));
        try {
            assertThrows(RayoException.class, () -> RayoAkka.attach(local));
        } finally {
            local.terminate();
            local.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
