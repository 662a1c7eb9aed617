package dev.rayo.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread pools of the baselines and of the multi-client drivers, with names in thread dumps and daemon
 * threads so a failed metric cannot keep the JVM alive.
 */
final class Pools {
    private Pools() {
    }

    /** The baselines' task pool: a ForkJoinPool of N threads, like Rayo's worker dispatcher. */
    static ForkJoinPool workers(int n) {
        return new ForkJoinPool(n, pool -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("bench-baseline-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** A fixed pool of {@code n} daemon threads called {@code name-i}. */
    static ExecutorService fixed(String name, int n) {
        AtomicInteger i = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name + "-" + i.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for every future, rethrowing the first failure; returns the sum of their counts. */
    static long joinAll(List<Future<Long>> futures) throws Exception {
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get();
        }
        return total;
    }

    /** Stops a pool, waiting a little for its threads. */
    static void stop(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
