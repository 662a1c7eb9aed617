package dev.rayo.bench;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.instance.BuildInfoProvider;
import dev.rayo.cli.NodeProcess;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Hazelcast's {@code IExecutorService} shaped like each Rayo environment. Single node: one member in the
 * bench JVM with an executor of N threads, tasks submitted to it. Two nodes: the bench JVM is a lite member
 * (no partitions, like Rayo's CPU-less head) and a {@link PeerMember} in a second JVM has the N threads;
 * every task goes there with {@code submitToMember}, so each task and result crosses the loopback network.
 * Hazelcast has no actors: its stand-in for one is an executor of one thread on the bench JVM's member.
 */
final class HazelcastPeer implements PeerCluster {
    private static final long JOIN_TIMEOUT_SECONDS = 60;

    private final BenchContext context;
    private final HazelcastInstance local;
    private final IExecutorService executor;
    private final Member target;
    private final PeerMemberProcess remote;
    private final IExecutorService[] actors;

    private HazelcastPeer(BenchContext context, HazelcastInstance local, Member target, PeerMemberProcess remote) {
        this.context = context;
        this.local = local;
        this.executor = local.getExecutorService(HazelcastConfigs.EXECUTOR);
        this.target = target;
        this.remote = remote;
        this.actors = new IExecutorService[context.numCpus()];
        for (int i = 0; i < actors.length; i++) {
            actors[i] = local.getExecutorService(HazelcastConfigs.ACTOR_EXECUTOR_PREFIX + i);
        }
    }

    /** Hazelcast's version, from its jar. */
    static String version() {
        return BuildInfoProvider.getBuildInfo().getVersion();
    }

    /** Starts the members of {@code kind}'s shape; stops whatever it started if that fails. */
    static HazelcastPeer start(EnvironmentKind kind, RunSettings settings) throws Exception {
        String clusterName = "rayo-bench-peer-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        int port = NodeProcess.freePort();
        return switch (kind) {
            case SINGLE_NODE -> {
                HazelcastInstance member = Hazelcast.newHazelcastInstance(
                        HazelcastConfigs.member(clusterName, port, List.of(port), settings.numCpus(), false));
                yield new HazelcastPeer(new BenchContext(settings.numCpus(), settings.numCpus(), null), member, null, null);
            }
            case TWO_NODES -> startTwoMembers(clusterName, port, settings);
        };
    }

    private static HazelcastPeer startTwoMembers(String clusterName, int port, RunSettings settings) throws Exception {
        int otherPort = NodeProcess.freePort();
        PeerMemberProcess remote = PeerMemberProcess.start(clusterName, otherPort, port, settings.numCpus());
        HazelcastInstance local = null;
        try {
            local = Hazelcast.newHazelcastInstance(
                    HazelcastConfigs.member(clusterName, port, List.of(otherPort, port), 1, true));
            Member other = awaitOtherMember(local, remote);
            return new HazelcastPeer(new BenchContext(settings.numCpus(), settings.numCpus(), TwoNodeEnvironment.WORKER_RESOURCE),
                    local, other, remote);
        } catch (Exception | Error e) {
            if (local != null) {
                local.getLifecycleService().terminate();
            }
            remote.close();
            throw e;
        }
    }

    /** Waits (on membership events, not a sleep) until the member of the other JVM is in the local view. */
    private static Member awaitOtherMember(HazelcastInstance local, PeerMemberProcess remote) throws Exception {
        CompletableFuture<Member> joined = new CompletableFuture<>();
        local.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                otherOf(event.getMembers()).ifPresent(joined::complete);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                // Not expected while starting; a missing member fails the wait below.
            }
        });
        otherOf(local.getCluster().getMembers()).ifPresent(joined::complete);
        try {
            return joined.get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the peer's second member (alive: " + remote.isAlive()
                    + ") never joined the bench JVM's member; its log:\n" + remote.tailOfLog(), e);
        }
    }

    private static java.util.Optional<Member> otherOf(java.util.Set<Member> members) {
        return members.stream().filter(m -> !m.localMember()).findFirst();
    }

    @Override
    public BenchContext context() {
        return context;
    }

    @Override
    public Future<?> submitNoop() {
        return target == null ? executor.submit(NoopCallable.INSTANCE) : executor.submitToMember(NoopCallable.INSTANCE, target);
    }

    @Override
    public Future<?> callActor(int actor) {
        return actors[actor].submitToMember(NoopCallable.INSTANCE, local.getCluster().getLocalMember());
    }

    @Override
    public void close() {
        try {
            local.shutdown();
        } catch (RuntimeException | Error e) {
            System.err.println("rayo bench: shutting the Hazelcast member down failed: " + e);
            local.getLifecycleService().terminate();
        } finally {
            if (remote != null) {
                remote.close();
            }
        }
    }
}
