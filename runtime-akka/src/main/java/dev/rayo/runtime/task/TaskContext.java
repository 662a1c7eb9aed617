package dev.rayo.runtime.task;

import java.util.List;
import java.util.Optional;

/**
 * What the code running on a worker thread is: which task or actor, on which node, with which GPUs.
 * Kept in a thread-local so that nested {@code get}/{@code wait} can lend the task's CPUs back.
 *
 * @param taskId  the running task or call
 * @param actorId the actor, or null in plain tasks
 * @param gpuIds  the GPUs assigned
 * @param blockingListener told when the code blocks in get/wait and when it resumes; null for actors
 * @param namespace the namespace the code runs in (its submitting driver's, or its actor's): where
 *                  {@code getActor(name)} looks and {@code setName} registers
 * @param exitActor        ends the running actor after its current call ({@code Rayo.exitActor()}); null in tasks
 */
public record TaskContext(String taskId, String actorId, List<Integer> gpuIds, BlockingListener blockingListener,
                          String namespace, Runnable exitActor) {
    private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

    /** A context in the default namespace that can't end its actor. */
    public TaskContext(String taskId, String actorId, List<Integer> gpuIds, BlockingListener blockingListener) {
        this(taskId, actorId, gpuIds, blockingListener, dev.rayo.runtime.wire.Namespaces.DEFAULT, null);
    }

    /**
     * This context as a thread the task's code started sees it ({@code Rayo.wrapRunnable}): the same task,
     * actor, GPUs and namespace, but no blocking listener, since that thread's waits hold none of the task's CPUs.
     */
    public TaskContext forSpawnedThread() {
        return new TaskContext(taskId, actorId, gpuIds, null, namespace, exitActor);
    }

    /** Told when task code blocks waiting for objects. */
    public interface BlockingListener {
        /** The task is about to block: its CPUs may be lent out. */
        void blocked(String taskId);

        /** The task resumed. */
        void unblocked(String taskId);
    }

    /** The context of the calling thread, if it runs task or actor code. */
    public static Optional<TaskContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code body} with this context on the calling thread; what it throws is unchecked. */
    public void runUnchecked(Runnable body) {
        TaskContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            body.run();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Runs {@code body} with this context on the calling thread. */
    public <T> T run(java.util.concurrent.Callable<T> body) throws Exception {
        TaskContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.call();
        } finally {
            CURRENT.set(previous);
        }
    }
}
