package dev.rayo.samples.akkaservice;

import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import dev.rayo.api.exception.RayoException;

/**
 * How the service's member finds its cluster: configured seed nodes (Akka joins them by itself), Akka
 * Management Cluster Bootstrap when {@code rayo-service.cluster-bootstrap = on} (config/kubernetes), else a
 * cluster of its own. Bootstrap is started by name so the sample needs Akka Management only where it is
 * deployed with it: its jars ({@code akka-management-cluster-bootstrap} and
 * {@code akka-discovery-kubernetes-api} 1.1.x) go on that deployment's classpath, and a missing jar is a
 * one-line error at start-up instead of pods that each form a cluster of one.
 */
final class ClusterJoin {
    static final String BOOTSTRAP_KEY = "rayo-service.cluster-bootstrap";

    private ClusterJoin() {
    }

    /** Starts joining as the configuration says. */
    static void start(ActorSystem<?> system) {
        if (system.settings().config().getBoolean(BOOTSTRAP_KEY)) {
            bootstrap(system);
        } else if (system.settings().config().getStringList("akka.cluster.seed-nodes").isEmpty()) {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
    }

    private static void bootstrap(ActorSystem<?> system) {
        try {
            start(system, "akka.management.javadsl.AkkaManagement");
            start(system, "akka.management.cluster.bootstrap.ClusterBootstrap");
        } catch (ClassNotFoundException e) {
            throw new RayoException(BOOTSTRAP_KEY + " = on needs Akka Management 1.1.x on the classpath "
                    + "(akka-management-cluster-bootstrap and akka-discovery-kubernetes-api): " + e.getMessage() + " is missing");
        } catch (ReflectiveOperationException e) {
            throw new RayoException("Akka Management Cluster Bootstrap did not start: " + e, e);
        }
    }

    /** {@code Extension.get(system).start()} of an Akka Management extension found by name. */
    private static void start(ActorSystem<?> system, String extension) throws ReflectiveOperationException {
        Class<?> type = Class.forName(extension, true, ClusterJoin.class.getClassLoader());
        for (java.lang.reflect.Method get : type.getMethods()) {
            if (get.getName().equals("get") && java.lang.reflect.Modifier.isStatic(get.getModifiers())
                    && get.getParameterCount() == 1 && get.getParameterTypes()[0].isInstance(system)) {
                Object instance = get.invoke(null, system);
                instance.getClass().getMethod("start").invoke(instance);
                return;
            }
        }
        throw new NoSuchMethodException(extension + ".get(system)");
    }
}
