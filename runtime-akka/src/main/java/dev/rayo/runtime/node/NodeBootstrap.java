package dev.rayo.runtime.node;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.config.ConfigLoader;
import dev.rayo.runtime.config.JournalDatabase;
import dev.rayo.runtime.config.LoggingDefaults;
import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.runtime.config.TlsSettings;
import dev.rayo.runtime.values.ObjectStoreFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts a node: layers the configuration (builder over {@code application.conf} over {@code reference.conf},
 * then what the node's role implies), creates the actor system, joins or forms the cluster, waits to be a
 * member and, when joining, for the node table to show the members already up; then builds the
 * {@link RayoNode}. Or attaches a node to an application's own actor system.
 */
public final class NodeBootstrap {
    private NodeBootstrap() {
    }

    /**
     * Starts a node in this JVM. It joins {@code rayo.address} when set, else the configured
     * {@code akka.cluster.seed-nodes}, else it forms a new one-member cluster (the embedded default).
     *
     * @param driver whether it is a user's program, which offers no CPUs or GPUs to a cluster it joins
     *               unless configured to
     */
    public static RayoNode start(RayoConfig config, boolean driver) {
        LoggingDefaults.apply();
        Config full = ConfigLoader.load(config);
        RayoSettings settings = RayoSettings.from(full);
        boolean joining = !settings.address().isEmpty() || !full.getStringList("akka.cluster.seed-nodes").isEmpty();
        Config withNode = ConfigFactory.parseMap(nodeSettings(full, settings, driver && joining)).withFallback(full);
        settings = RayoSettings.from(withNode);
        Config node = ConfigFactory.parseMap(Map.of("rayo.worker-dispatcher.parallelism", Math.max(1, settings.numCpus())))
                .withFallback(withNode);
        // Before the actor system: a node that can't keep objects must not join the cluster even briefly.
        ObjectStoreFactory.checkDirectories(settings);
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(Behaviors.empty(), settings.clusterName(), node);
        } catch (RuntimeException e) {
            throw StartFailures.bindFailure(settings.hostname(), settings.port(), e);
        }
        try {
            Cluster cluster = Cluster.get(system);
            if (!settings.address().isEmpty()) {
                cluster.manager().tell(Join.create(seedAddress(settings)));
            } else if (!joining) {
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
            }
            awaitUp(system, settings);
            RayoNode rayoNode = new RayoNode(system, true, settings);
            if (joining) {
                awaitNodeTable(rayoNode, settings.startupTimeout());
            }
            return rayoNode;
        } catch (RuntimeException e) {
            terminate(system);
            throw e;
        }
    }

    /**
     * A node inside an application's own actor system, which must use the cluster provider; its settings are
     * that system's configuration (the application's {@code application.conf} over reference.conf). A member
     * without the {@code rayo.akka.role} role, when one is set, offers no resources (see {@link WorkRole}).
     */
    public static RayoNode attach(ActorSystem<?> system) {
        LoggingDefaults.apply();
        String provider = system.settings().config().getString("akka.actor.provider");
        if (!"cluster".equals(provider) && !provider.endsWith("ClusterActorRefProvider")) {
            throw new RayoException("Rayo needs an actor system with akka.actor.provider = cluster");
        }
        Config config = system.settings().config();
        ConfigLoader.rejectUnknownKeys(config);
        Set<String> roles = Cluster.get(system).selfMember().getRoles();
        return new RayoNode(system, false, RayoSettings.from(WorkRole.gate(config, roles)));
    }

    /** What the node's role and settings add on top of the layered configuration. */
    private static Map<String, Object> nodeSettings(Config full, RayoSettings settings, boolean joiningDriver) {
        List<String> roles = new ArrayList<>(settings.roles());
        Map<String, Object> nodeSettings = new HashMap<>();
        if (joiningDriver) {
            roles.add("driver");
            // A driver runs tasks only if it is given CPUs (or GPUs) explicitly.
            if (full.getValue("rayo.num-cpus").unwrapped().equals("auto")) {
                nodeSettings.put("rayo.num-cpus", 0);
            }
            if (full.getValue("rayo.num-gpus").unwrapped().equals("auto")) {
                nodeSettings.put("rayo.num-gpus", 0);
            }
        }
        if (settings.journal().equals("h2")) {
            // One H2 file per host; AUTO_SERVER lets every Rayo JVM of the host share it.
            nodeSettings.put("akka-persistence-jdbc.shared-databases.slick.db.url",
                    JournalDatabase.h2Url(settings.effectiveH2File()));
        }
        nodeSettings.put("akka.remote.artery.canonical.hostname", settings.hostname());
        nodeSettings.put("akka.remote.artery.canonical.port", settings.port());
        nodeSettings.put("akka.cluster.roles", roles);
        // rayo.tls.dir: Artery over TLS with mutual authentication (and objects in chunks over it).
        nodeSettings.putAll(TlsSettings.akkaSettings(full));
        return nodeSettings;
    }

    private static Address seedAddress(RayoSettings settings) {
        Map.Entry<String, Integer> hostPort = RayoSettings.parseAddress(settings.address());
        return new Address("akka", settings.clusterName(), hostPort.getKey(), hostPort.getValue());
    }

    private static void awaitUp(ActorSystem<?> system, RayoSettings settings) {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        Cluster cluster = Cluster.get(system);
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() - deadline > 0) {
                throw new RayoException("this node did not become a cluster member within "
                        + settings.startupTimeout().toMillis() / 1000.0 + " s (rayo.startup-timeout)"
                        + (settings.address().isEmpty() ? "" : ": is a Rayo node running at " + settings.address()
                        + " with cluster name '" + settings.clusterName() + "'" + tlsHint(system) + "?"));
            }
            pause();
        }
    }

    /** Why a TLS mismatch is a likely cause: a handshake that fails shows only as a join that never completes. */
    private static String tlsHint(ActorSystem<?> system) {
        boolean tls = "tls-tcp".equals(system.settings().config().getString("akka.remote.artery.transport"));
        return tls ? ", and does it use TLS with certificates of this node's CA (rayo.tls.dir)"
                : ", and does it use plain TCP (a TLS cluster only admits nodes with its CA's certificates: rayo.tls.dir)";
    }

    /**
     * Waits until gossip has brought the resources of every member that was up when this node joined, so
     * the first task a program submits is placed with the whole cluster in view.
     */
    private static void awaitNodeTable(RayoNode node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> expected = new HashSet<>();
        for (Member m : Cluster.get(node.system()).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                expected.add(m.address().toString());
            }
        }
        while (System.nanoTime() < deadline) {
            Set<String> known = new HashSet<>();
            node.view().nodes().forEach(n -> known.add(n.address()));
            if (known.containsAll(expected)) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                // The node is up; only the first placements may see part of the cluster.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RayoException("interrupted while joining the cluster", e);
        }
    }

    /** Stops {@code system}, waiting a while for it; best effort, since the JVM may exit anyway. */
    static void terminate(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Termination is best effort.
        }
    }
}
