package dev.rayo.runtime.scheduler;

import akka.dispatch.DispatcherPrerequisites;
import akka.dispatch.ExecutorServiceConfigurator;
import akka.dispatch.ExecutorServiceFactory;
import com.typesafe.config.Config;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the worker dispatcher's executor: a JDK {@link ForkJoinPool} with one thread per CPU of the node.
 * A task that blocks in {@code get}/{@code wait} does so through {@link ForkJoinPool#managedBlock}, which
 * adds a spare thread while it waits, so a CPU lent to another task always has a thread to run on.
 */
public final class WorkerPoolConfigurator extends ExecutorServiceConfigurator {
    private final int parallelism;

    /** Called by Akka with the dispatcher's configuration section. */
    public WorkerPoolConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        int configured = config.hasPath("parallelism") ? config.getInt("parallelism") : 0;
        this.parallelism = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        AtomicInteger counter = new AtomicInteger();
        return () -> new ForkJoinPool(parallelism, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("rayo-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true);
    }
}
