package dev.rayo.runtime.actor;

import dev.rayo.runtime.task.Invocation;
import dev.rayo.runtime.task.TaskContext;
import dev.rayo.runtime.wire.ActorSpec;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Where one incarnation of an in-memory actor runs its user code: its own threads, as Ray runs an actor in its
 * own worker. With a concurrency of 1 the constructor and every call run on one stable thread, in the order
 * they were handed over, so {@code ThreadLocal}s and thread-confined libraries work between calls; with n,
 * up to n calls run at once on n threads (Ray's {@code max_concurrency}). The entity ({@link ActorHost}) keeps
 * the order and the Akka side; user code never runs, or blocks, on a dispatcher thread.
 *
 * <p>Each call handed over is settled exactly once: by its outcome, or by the actor's end ({@link #close}),
 * whichever comes first. That is what lets a kill fail a call that is still running (stuck in a loop or a long
 * sleep) at once: its thread is interrupted and abandoned, and whatever it returns later is dropped.
 */
final class ActorExecution {
    /**
     * What the execution tells its entity, from the actor's threads.
     *
     * @param built  the constructor returned ({@link Invocation.Returned}) or threw
     * @param exited a call asked for the actor's end ({@code Rayo.exitActor()}) and returned
     */
    record Listener(Consumer<Invocation.Outcome> built, Runnable exited) {
    }

    /**
     * A call handed to the threads, with the flag that makes its settlement happen once, and the thread running
     * its method while it runs (not while an async call's stage is pending).
     */
    private static final class Handed {
        final TaskSpec call;
        final AtomicBoolean settled = new AtomicBoolean();
        volatile Thread runner;

        Handed(TaskSpec call) {
            this.call = call;
        }
    }

    private final Invocation invocation;
    private final String actorId;
    /** The actor's namespace, which its calls run in. */
    private final String namespace;
    private final List<Integer> gpuIds;
    private final Listener listener;
    private final ThreadPoolExecutor threads;
    private final Map<String, Handed> handed = new ConcurrentHashMap<>();
    private volatile boolean open = true;
    private volatile boolean exitRequested;
    private volatile Object instance;
    /** The thread running the constructor while it runs, else null. */
    private volatile Thread constructing;

    /**
     * Threads for actor {@code actorId} (named after {@code className}) running up to {@code concurrency} calls;
     * an idle one polls for its next call for {@code spinNanos} before parking.
     */
    ActorExecution(ActorSpec spec, List<Integer> gpuIds, Invocation invocation, Listener listener, long spinNanos) {
        this.invocation = invocation;
        this.actorId = spec.actorId();
        this.namespace = spec.namespace();
        this.gpuIds = gpuIds;
        this.listener = listener;
        int concurrency = Math.max(1, spec.maxConcurrency());
        String simpleName = spec.className().substring(spec.className().lastIndexOf('.') + 1);
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new dev.rayo.runtime.scheduler.SpinningQueue(spinNanos), work -> {
            Thread t = new Thread(work, "rayo-actor-" + simpleName + "-" + actorId
                    + (concurrency > 1 ? "-" + count.incrementAndGet() : ""));
            // An abandoned thread (a killed actor stuck in its code) must never keep the JVM alive.
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds the instance on the actor's thread from the decoded constructor {@code args}. */
    void build(ActorSpec spec, List<StoredValue> args) {
        execute(() -> {
            Invocation.Outcome built;
            constructing = Thread.currentThread();
            try {
                Object[] values = invocation.decodeArguments(spec.ownerAddress(), args);
                built = invocation.invoke(spec.ownerAddress(), spec.constructor(), null, values, contextOf("create"));
            } catch (Throwable e) {
                built = new Invocation.Threw(e);
            } finally {
                constructing = null;
            }
            if (built instanceof Invocation.Returned returned) {
                instance = returned.value();
            }
            if (open) {
                listener.built().accept(built);
                if (exitRequested) {
                    // Rayo.exitActor() in the constructor: the actor ends before its first call.
                    listener.exited().run();
                }
            }
        });
    }

    /** Runs {@code call} with its resolved arguments once the calls handed over before it have started. */
    void run(TaskSpec call, List<StoredValue> args) {
        Handed h = new Handed(call);
        handed.put(call.taskId(), h);
        execute(() -> {
            Invocation.Outcome outcome;
            h.runner = Thread.currentThread();
            try {
                outcome = invocation.invoke(call, instance, args, contextOf(call.taskId()));
            } finally {
                h.runner = null;
            }
            if (call.async() && outcome instanceof Invocation.Returned returned) {
                if (returned.value() instanceof CompletionStage<?> stage) {
                    // The thread is free at once; the stage settles the call whenever it completes.
                    stage.whenComplete((value, error) -> settle(h, error == null ? new Invocation.Returned(value)
                            : new Invocation.Threw(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error)));
                    return;
                }
                outcome = new Invocation.Threw(new IllegalStateException("async actor method " + call.name()
                        + " (called with taskAsync) returned " + returned.value() + ", not a CompletionStage"));
            }
            settle(h, outcome);
        });
    }

    /**
     * The calls still running or waiting here; each then is the caller's to fail, and no outcome will store.
     * A thread still in the method of such a call is interrupted and abandoned: it never runs another call.
     * Only those: a thread storing the result of a call that settled first is left alone, since an interrupt
     * could break its write to the object store.
     */
    List<TaskSpec> close() {
        open = false;
        threads.shutdown();
        Thread builder = constructing;
        if (builder != null) {
            builder.interrupt();
        }
        List<TaskSpec> unsettled = new ArrayList<>();
        for (Handed h : handed.values()) {
            if (h.settled.compareAndSet(false, true)) {
                unsettled.add(h.call);
                Thread runner = h.runner;
                if (runner != null) {
                    runner.interrupt();
                }
            }
        }
        handed.clear();
        instance = null;
        return unsettled;
    }

    private void settle(Handed h, Invocation.Outcome outcome) {
        // A closed actor's calls are failed by close(); a late outcome of an abandoned call is dropped.
        if (open && h.settled.compareAndSet(false, true)) {
            handed.remove(h.call.taskId());
            invocation.complete(h.call, outcome, actorId);
            if (exitRequested) {
                listener.exited().run();
            }
        }
    }

    private void execute(Runnable work) {
        try {
            threads.execute(() -> {
                // After an exit or a kill, nothing more starts; close() fails what is left.
                if (open && !exitRequested) {
                    work.run();
                }
            });
        } catch (RejectedExecutionException closed) {
            // Closed between the entity's decision and here: close() fails the call.
        }
    }

    private TaskContext contextOf(String taskId) {
        return new TaskContext(taskId, actorId, gpuIds, null, namespace, () -> exitRequested = true);
    }
}
