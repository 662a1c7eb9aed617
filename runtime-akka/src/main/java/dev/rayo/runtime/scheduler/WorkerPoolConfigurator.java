package dev.rayo.runtime.scheduler;

import akka.dispatch.DispatcherPrerequisites;
import akka.dispatch.ExecutorServiceConfigurator;
import akka.dispatch.ExecutorServiceFactory;
import com.typesafe.config.Config;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the worker dispatcher's executor: an elastic pool in which every task the scheduler admitted gets a
 * thread at once. Resources are logical, as in Ray: twenty tasks of 0.1 CPU, or any number of 0-CPU tasks,
 * run at the same time on a 2-CPU node, so the number of running tasks is bounded by the scheduler's
 * resource accounting, never by a thread count (a pool capped at the core count would queue admitted tasks
 * behind each other while the resource view showed them running).
 *
 * <p>A hand-off queue ({@link SynchronousQueue}) gives a task to an idle thread or starts a new one; the
 * {@code parallelism} core threads (the node's CPUs) stay alive, so the common path of whole-CPU tasks
 * reuses them and creates no thread; threads beyond that end after {@code keep-alive} idle. A task blocked
 * in get/wait keeps its thread while it lends its CPUs to the scheduler, and the task admitted on them gets a
 * thread of its own, so nested work never starves.
 */
public final class WorkerPoolConfigurator extends ExecutorServiceConfigurator {
    private final int coreThreads;
    private final long keepAliveNanos;

    /** Called by Akka with the dispatcher's configuration section. */
    public WorkerPoolConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        int configured = config.hasPath("parallelism") ? config.getInt("parallelism") : 0;
        this.coreThreads = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        this.keepAliveNanos = config.hasPath("keep-alive")
                ? config.getDuration("keep-alive", TimeUnit.NANOSECONDS) : TimeUnit.SECONDS.toNanos(60);
        if (keepAliveNanos <= 0) {
            throw new IllegalArgumentException("rayo.worker-dispatcher.keep-alive must be > 0, was "
                    + config.getValue("keep-alive").unwrapped());
        }
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return () -> newPool(coreThreads, keepAliveNanos);
    }

    /**
     * The pool itself: {@code coreThreads} threads kept once started, any number more while tasks need them.
     * Visible for tests.
     */
    static ThreadPoolExecutor newPool(int coreThreads, long keepAliveNanos) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread t = new Thread(runnable, "rayo-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(coreThreads, Integer.MAX_VALUE, keepAliveNanos, TimeUnit.NANOSECONDS,
                new SynchronousQueue<>(), factory);
    }
}
