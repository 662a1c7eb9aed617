package dev.rayo.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import java.util.List;

/**
 * The Hazelcast member configuration of the peer, shared by the bench JVM's member and {@link PeerMember}:
 * offline and quiet (TCP-IP join on 127.0.0.1 with explicit ports, no multicast, no auto-detection, no
 * phone-home, no Jet, logging through slf4j), one executor of N threads, and a cluster name of the run's
 * own so that two benches on one machine never join each other.
 */
final class HazelcastConfigs {
    /** The executor service the peer's tasks run on. */
    static final String EXECUTOR = "rayo-bench-peer";
    /** Name prefix of the one-thread executors that stand in for actors (Hazelcast has none). */
    static final String ACTOR_EXECUTOR_PREFIX = "rayo-bench-peer-actor-";
    static final String HOST = "127.0.0.1";

    private HazelcastConfigs() {
    }

    /**
     * A member listening on {@code port} that joins the members at {@code memberPorts} on loopback; a lite
     * member owns no partitions, so the tasks it submits without a target run on the others.
     */
    static Config member(String clusterName, int port, List<Integer> memberPorts, int poolSize, boolean lite) {
        useSlf4j();
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + port);
        config.setLiteMember(lite);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // The members are started one after the other, the first one ready before the second starts.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(HOST);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true)
                .setMembers(memberPorts.stream().map(p -> HOST + ":" + p).toList());
        config.getExecutorConfig(EXECUTOR).setPoolSize(poolSize);
        config.getExecutorConfig(ACTOR_EXECUTOR_PREFIX + "*").setPoolSize(1);
        return config;
    }

    /**
     * Hazelcast's static loggers read the system property before any member exists (else they log through
     * java.util.logging at INFO, past the bench's logback configuration).
     */
    static void useSlf4j() {
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j");
        }
    }
}
