package dev.rayo.bench;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The Hazelcast member of the second JVM in the peer side of the cross-node metrics, started by
 * {@link PeerMemberProcess} on the bench's classpath: a data member with the executor of N threads that
 * runs every task the bench JVM's lite member submits. It prints {@link #READY} once it is a member, and
 * exits when its stdin closes, so it cannot outlive the bench even if the bench is killed.
 */
public final class PeerMember {
    /** The line printed on stdout once the member is up. */
    static final String READY = "rayo-bench-peer-member ready";

    private PeerMember() {
    }

    /** {@code PeerMember CLUSTER_NAME PORT OTHER_PORT POOL_SIZE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: PeerMember CLUSTER_NAME PORT OTHER_PORT POOL_SIZE");
            System.exit(2);
        }
        Bench.useQuietLogging();
        int port = Integer.parseInt(args[1]);
        int other = Integer.parseInt(args[2]);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(
                HazelcastConfigs.member(args[0], port, List.of(port, other), Integer.parseInt(args[3]), false));
        System.out.println(READY);
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // Nothing is sent: end of input means the bench is done (or gone).
        }
        member.getLifecycleService().terminate();
        System.exit(0);
    }
}
