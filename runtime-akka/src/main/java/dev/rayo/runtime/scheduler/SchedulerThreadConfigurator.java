package dev.rayo.runtime.scheduler;

import akka.dispatch.DispatcherPrerequisites;
import akka.dispatch.ExecutorServiceConfigurator;
import akka.dispatch.ExecutorServiceFactory;
import com.typesafe.config.Config;
import dev.rayo.runtime.config.RuntimeTuning;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Builds the scheduler dispatcher's executor: one thread of its own that, once the scheduler's mailbox is
 * empty, polls for {@code rayo.get.spin-nanos} before it parks ({@link SpinningQueue}). While tasks flow, a
 * submission or a task's end reaches the scheduler every few microseconds; parking between them made every
 * sender pay a futex wake-up and the scheduler a context switch per message, which cost more than the
 * scheduling decision. On a machine with one CPU it never spins (the spin would only delay the sender).
 */
public final class SchedulerThreadConfigurator extends ExecutorServiceConfigurator {
    private final long spinNanos;

    /** Called by Akka with the dispatcher's configuration section. */
    public SchedulerThreadConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        Config all = prerequisites.settings().config();
        // An application's own ActorSystem may lack the rayo section (RayoAkka.attach): use the defaults then.
        this.spinNanos = (all.hasPath("rayo") ? RuntimeTuning.from(all) : RuntimeTuning.defaults()).effectiveGetSpinNanos();
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return () -> new ThreadPoolExecutor(1, 1, 0, TimeUnit.NANOSECONDS, new SpinningQueue(spinNanos), threadFactory);
    }
}
