package dev.rayo.bench;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The task metrics: a no-op task submitted and awaited one at a time ({@code _sync}), in batches of
 * 1,000, and in batches from several driver threads at once; each against {@code supplyAsync} on a
 * ForkJoinPool of the same size, which is what a task costs without scheduling, serialization or refs;
 * and, with {@code --peer}, against the peer's executor service doing the same.
 */
public final class TaskMetrics {
    /** Tasks per batch, as in Ray's benchmark. */
    static final int BATCH = 1_000;

    private TaskMetrics() {
    }

    /** The family, in BENCHMARKS.md order. */
    public static List<Metric> all() {
        return List.of(singleClientTasksSync(), singleClientTasksAsync(), multiClientTasksAsync());
    }

    static Metric singleClientTasksSync() {
        return MetricSpec.builder("single_client_tasks_sync")
                .latencyHistogram()
                .rayo("get(task(noop).remote()) in a loop", ctx -> () -> {
                    Rayo.get(Rayo.task(BenchFns::noop).remote());
                    return 1;
                })
                .baseline("CompletableFuture.supplyAsync(noop, ForkJoinPool(N)).join()", ctx -> new PoolWorkload(ctx) {
                    @Override
                    public long run() {
                        CompletableFuture.supplyAsync(BenchFns::noop, pool).join();
                        return 1;
                    }
                })
                .peer("IExecutorService.submit(noop).get() in a loop, one member in this JVM (executor of N threads)",
                        (ctx, peer) -> () -> {
                            PeerCluster.awaitNoop(peer.submitNoop());
                            return 1;
                        })
                .ray(981)
                .build();
    }

    static Metric singleClientTasksAsync() {
        return MetricSpec.builder("single_client_tasks_async")
                .rayo("submit 1,000 no-op tasks, then get all", ctx -> TaskMetrics::rayoBatch)
                .baseline("1,000 supplyAsync(noop, ForkJoinPool(N)), then join all", ctx -> new PoolWorkload(ctx) {
                    @Override
                    public long run() {
                        return baselineBatch(pool);
                    }
                })
                .peer("1,000 IExecutorService.submit(noop) on one member in this JVM, then get all",
                        (ctx, peer) -> () -> peerBatch(peer))
                .ray(8_041)
                .build();
    }

    static Metric multiClientTasksAsync() {
        return MetricSpec.builder("multi_client_tasks_async")
                .rayo("N driver threads, each submitting 1,000 no-op tasks then getting all (N = CPUs)",
                        ctx -> new ClientsWorkload(ctx.clientThreads(), TaskMetrics::rayoBatch))
                .baseline("N threads, each 1,000 supplyAsync on one shared ForkJoinPool(N), then join all",
                        ctx -> {
                            ForkJoinPool pool = Pools.workers(ctx.numCpus());
                            return new ClientsWorkload(ctx.clientThreads(), () -> baselineBatch(pool)) {
                                @Override
                                public void close() throws Exception {
                                    super.close();
                                    Pools.stop(pool);
                                }
                            };
                        })
                .peer("N threads, each 1,000 IExecutorService.submit(noop) on one member in this JVM, then get all",
                        (ctx, peer) -> new ClientsWorkload(ctx.clientThreads(), () -> peerBatch(peer)))
                .ray(21_230)
                .build();
    }

    /** Submits {@link #BATCH} no-op tasks and gets them all. */
    static long rayoBatch() {
        List<ObjectRef<Integer>> refs = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            refs.add(Rayo.task(BenchFns::noop).remote());
        }
        Rayo.get(refs);
        return BATCH;
    }

    static long baselineBatch(ForkJoinPool pool) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            futures.add(CompletableFuture.supplyAsync(BenchFns::noop, pool));
        }
        for (CompletableFuture<Integer> f : futures) {
            f.join();
        }
        return BATCH;
    }

    /** Submits {@link #BATCH} no-op tasks to the peer and waits for them all. */
    static long peerBatch(PeerCluster peer) throws Exception {
        List<Future<?>> futures = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            futures.add(peer.submitNoop());
        }
        for (Future<?> f : futures) {
            PeerCluster.awaitNoop(f);
        }
        return BATCH;
    }

    /** A baseline holding a ForkJoinPool of the context's CPU count. */
    abstract static class PoolWorkload implements Workload {
        final ForkJoinPool pool;

        PoolWorkload(BenchContext ctx) {
            pool = Pools.workers(ctx.numCpus());
        }

        @Override
        public void close() throws Exception {
            Pools.stop(pool);
        }
    }

    /** One batch of one client; returns the operations it did. */
    @FunctionalInterface
    interface ClientBatch {
        long run() throws Exception;
    }

    /** Runs a batch on each of N driver threads at once; one {@link #run()} waits for all of them. */
    static class ClientsWorkload implements Workload {
        private final int clients;
        private final ExecutorService drivers;
        private final List<ClientBatch> batches;

        /** N clients running the same batch. */
        ClientsWorkload(int clients, ClientBatch batch) {
            this(java.util.Collections.nCopies(clients, batch));
        }

        /** One client per batch (e.g. each with its own actor). */
        ClientsWorkload(List<ClientBatch> batches) {
            this.clients = batches.size();
            this.batches = List.copyOf(batches);
            this.drivers = Pools.fixed("bench-client", clients);
        }

        @Override
        public long run() throws Exception {
            List<Future<Long>> futures = new ArrayList<>(clients);
            for (ClientBatch b : batches) {
                futures.add(drivers.submit(b::run));
            }
            return Pools.joinAll(futures);
        }

        @Override
        public void close() throws Exception {
            Pools.stop(drivers);
        }
    }
}
