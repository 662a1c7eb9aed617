package dev.rayo.bench;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The actor-call metrics: one actor called one call at a time, in batches of 1,000, and N actors each
 * driven by its own client thread; each against what an actor is without Rayo, an object behind a
 * single-thread executor (calls run one at a time, in order, off the caller's thread); and, with
 * {@code --peer}, against the peer's stand-in for an actor, an executor of one thread on its member.
 */
public final class ActorMetrics {
    private static final int BATCH = 1_000;
    /** What stands in for an actor on the peer, which has none. */
    private static final String ACTOR_STAND_IN = "one-thread executor on the member in this JVM (the peer has no actors)";

    private ActorMetrics() {
    }

    /** The family, in BENCHMARKS.md order. */
    public static List<Metric> all() {
        return List.of(oneOneSync(), oneOneAsync(), nnAsync());
    }

    static Metric oneOneSync() {
        return MetricSpec.builder("1_1_actor_calls_sync")
                .latencyHistogram()
                .rayo("get(actor.task(BenchActor::small).remote()) in a loop", ctx -> new ActorsWorkload(1) {
                    @Override
                    public long run() {
                        Rayo.get(actors.get(0).task(BenchActor::small).remote());
                        return 1;
                    }
                })
                .baseline("synchronized method call through a single-thread executor: submit(..).get()",
                        ctx -> new ExecutorsWorkload(1) {
                            @Override
                            public long run() throws Exception {
                                executors.get(0).submit(objects.get(0)::smallSynchronized).get();
                                return 1;
                            }
                        })
                .peer("submitToMember(noop, this member).get() in a loop on a " + ACTOR_STAND_IN, (ctx, peer) -> () -> {
                    PeerCluster.awaitNoop(peer.callActor(0));
                    return 1;
                })
                .ray(2_012)
                .build();
    }

    static Metric oneOneAsync() {
        return MetricSpec.builder("1_1_actor_calls_async")
                .rayo("1,000 calls on one actor, then get all", ctx -> new ActorsWorkload(1) {
                    @Override
                    public long run() {
                        return rayoBatch(actors.get(0));
                    }
                })
                .baseline("1,000 submits to one single-thread executor, then get all", ctx -> new ExecutorsWorkload(1) {
                    @Override
                    public long run() throws Exception {
                        return baselineBatch(executors.get(0), objects.get(0));
                    }
                })
                .peer("1,000 submitToMember(noop) to a " + ACTOR_STAND_IN + ", then get all", (ctx, peer) -> () -> peerBatch(peer, 0))
                .ray(8_664)
                .build();
    }

    static Metric nnAsync() {
        return MetricSpec.builder("n_n_actor_calls_async")
                .rayo("N client threads, each making 1,000 calls on its own actor then getting all (N = CPUs)",
                        ctx -> new ActorsWorkload(ctx.clientThreads()) {
                            private final TaskMetrics.ClientsWorkload clients = new TaskMetrics.ClientsWorkload(
                                    actors.stream().<TaskMetrics.ClientBatch>map(a -> () -> rayoBatch(a)).toList());

                            @Override
                            public long run() throws Exception {
                                return clients.run();
                            }

                            @Override
                            public void close() throws Exception {
                                clients.close();
                                super.close();
                            }
                        })
                .baseline("N client threads, each 1,000 submits to its own single-thread executor, then get all",
                        ctx -> new ExecutorsWorkload(ctx.clientThreads()) {
                            private final TaskMetrics.ClientsWorkload clients = new TaskMetrics.ClientsWorkload(
                                    indices().stream().<TaskMetrics.ClientBatch>map(
                                            i -> () -> baselineBatch(executors.get(i), objects.get(i))).toList());

                            @Override
                            public long run() throws Exception {
                                return clients.run();
                            }

                            @Override
                            public void close() throws Exception {
                                clients.close();
                                super.close();
                            }
                        })
                .peer("N client threads, each 1,000 submitToMember(noop) to its own " + ACTOR_STAND_IN + ", then get all",
                        (ctx, peer) -> new TaskMetrics.ClientsWorkload(java.util.stream.IntStream.range(0, ctx.clientThreads())
                                .<TaskMetrics.ClientBatch>mapToObj(i -> () -> peerBatch(peer, i)).toList()))
                .ray(27_376)
                .build();
    }

    static long rayoBatch(ActorHandle<BenchActor> actor) {
        List<ObjectRef<Integer>> refs = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            refs.add(actor.task(BenchActor::small).remote());
        }
        Rayo.get(refs);
        return BATCH;
    }

    static long baselineBatch(ExecutorService executor, BenchActor object) throws Exception {
        List<Future<Integer>> futures = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            futures.add(executor.submit(object::smallSynchronized));
        }
        for (Future<Integer> f : futures) {
            f.get();
        }
        return BATCH;
    }

    /** Makes {@link #BATCH} calls on the peer's stand-in for actor {@code actor} and waits for them all. */
    static long peerBatch(PeerCluster peer, int actor) throws Exception {
        List<Future<?>> futures = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            futures.add(peer.callActor(actor));
        }
        for (Future<?> f : futures) {
            PeerCluster.awaitNoop(f);
        }
        return BATCH;
    }

    /** Holds N live actors (created and called once, untimed) and kills them on close. */
    abstract static class ActorsWorkload implements Workload {
        final List<ActorHandle<BenchActor>> actors = new ArrayList<>();

        ActorsWorkload(int n) {
            for (int i = 0; i < n; i++) {
                ActorHandle<BenchActor> a = Rayo.actor(BenchActor::new).remote();
                Rayo.get(a.task(BenchActor::small).remote());
                actors.add(a);
            }
        }

        @Override
        public void close() throws Exception {
            actors.forEach(ActorHandle::kill);
        }
    }

    /** Holds N objects, each behind its own single-thread executor. */
    abstract static class ExecutorsWorkload implements Workload {
        final List<ExecutorService> executors = new ArrayList<>();
        final List<BenchActor> objects = new ArrayList<>();

        ExecutorsWorkload(int n) {
            for (int i = 0; i < n; i++) {
                executors.add(Pools.fixed("bench-actor-" + i, 1));
                objects.add(new BenchActor());
            }
        }

        List<Integer> indices() {
            return java.util.stream.IntStream.range(0, executors.size()).boxed().toList();
        }

        @Override
        public void close() throws Exception {
            for (ExecutorService e : executors) {
                Pools.stop(e);
            }
        }
    }
}
