package dev.rayo.runtime;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Extension;
import akka.actor.typed.ExtensionId;
import akka.cluster.typed.Cluster;
import dev.rayo.api.RayoRuntime;

import java.util.concurrent.CompletableFuture;

/**
 * Rayo as an Akka extension of an application's own actor system: {@code RayoExtension.get(system)} starts
 * one Rayo node inside that system the first time and returns the same extension afterwards, so every part
 * of a service shares one runtime without passing it around. Its settings are the service's own
 * {@code application.conf} ({@code rayo.*} keys over reference.conf), its cluster is the service's cluster,
 * and {@code rayo.akka.role} keeps Rayo work on the members with that role. The system's coordinated
 * shutdown stops the runtime before this member leaves the cluster, while the others can still be told of
 * the objects it owned, and no longer routes the JVM's refs and handles to it, so a later runtime can take
 * its place.
 */
public final class RayoExtension implements Extension {
    private final RayoRuntime runtime;
    private final boolean runsWork;

    private RayoExtension(ActorSystem<?> system) {
        this.runtime = RayoAkka.attach(system);
        String role = system.settings().config().getString("rayo.akka.role").trim();
        this.runsWork = role.isEmpty() || Cluster.get(system).selfMember().hasRole(role);
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeClusterShutdown(), "rayo-shutdown",
                // shutdown() waits for the node's parts to stop: off the dispatcher threads.
                () -> CompletableFuture.supplyAsync(() -> {
                    runtime.shutdown(); // also takes it off the facade
                    return Done.getInstance();
                }));
    }

    /** The Rayo extension of {@code system}, started on the first call. */
    public static RayoExtension get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    /** The runtime: tasks, actors and objects, as with the static {@code Rayo} facade. */
    public RayoRuntime runtime() {
        return runtime;
    }

    /** Whether this member runs Rayo work (it has the {@code rayo.akka.role} role, or none is set). */
    public boolean runsWork() {
        return runsWork;
    }

    /** The extension's id: Akka keeps one {@link RayoExtension} per actor system. */
    public static final class Id extends ExtensionId<RayoExtension> {
        static final Id INSTANCE = new Id();

        private Id() {
        }

        @Override
        public RayoExtension createExtension(ActorSystem<?> system) {
            return new RayoExtension(system);
        }
    }
}
