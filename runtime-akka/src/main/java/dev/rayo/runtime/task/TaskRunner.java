package dev.rayo.runtime.task;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.List;

/**
 * The short-lived behavior of one task attempt: started on the worker dispatcher, it runs the task's
 * {@link Invocation}, tells its {@link Listener} (the scheduler) how it ended, and stops. Retrying on an
 * application exception ({@code retryExceptions}) and waiting for a lost input are decided here, because
 * only a task (not an actor call) runs again.
 */
public final class TaskRunner {
    private TaskRunner() {
    }

    /**
     * Who started the runner: told when its code blocks in get/wait and when it is done. The scheduler
     * implements it; this package does not know the scheduler, so the two don't depend on each other.
     */
    public interface Listener extends TaskContext.BlockingListener {
        /**
         * The attempt ended.
         *
         * @param retry     the next attempt to queue, or null
         * @param inputLost whether {@code retry} waits for an input whose holder died
         */
        void done(String taskId, TaskSpec retry, boolean inputLost);
    }

    /** A runner for {@code spec} whose resolved inputs are {@code args}. */
    public static Behavior<Void> create(TaskSpec spec, List<StoredValue> args, Allocation allocation,
                                        Invocation invocation, Listener listener) {
        return Behaviors.setup(ctx -> {
            TaskSpec retry = null;
            boolean inputLost = false;
            try {
                TaskContext context = new TaskContext(spec.taskId(), null, allocation.gpuIds(), listener, spec.namespace(), null);
                Invocation.Outcome outcome = invocation.invoke(spec, null, args, context);
                if (outcome instanceof Invocation.InputLost) {
                    retry = spec;
                    inputLost = true;
                } else if (outcome instanceof Invocation.Threw && spec.retryExceptions() && spec.mayRetry()) {
                    retry = spec.nextAttempt();
                } else {
                    invocation.complete(spec, outcome);
                }
            } catch (Throwable fatal) {
                // Whatever went wrong outside the user's code, the owner must hear of it: no ref may hang.
                ctx.getLog().error("task {} failed inside the runtime", spec.name(), fatal);
                invocation.fail(spec, ErrorPayload.of(ErrorPayload.Kind.SYSTEM, spec.name(),
                        invocation.services().nodeId(), "Rayo failed to run or store " + spec.name() + ": " + fatal));
            } finally {
                listener.done(spec.taskId(), retry, inputLost);
            }
            return Behaviors.stopped();
        });
    }
}
