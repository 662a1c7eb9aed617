package dev.rayo.runtime.task;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.List;

/**
 * The short-lived behavior of a {@link TaskLane}: started on the worker dispatcher, it runs the lane's tasks
 * one after another, each as its own attempt of its {@link Invocation}, tells its {@link Listener} (the
 * scheduler) how each ended and when the lane ends, and stops. Retrying on an application exception
 * ({@code retryExceptions}) and waiting for a lost input are decided here, because only a task (not an actor
 * call) runs again.
 */
public final class TaskRunner {
    private TaskRunner() {
    }

    /**
     * Who started the runner: told when a task's code blocks in get/wait, when a task is done and when the
     * lane ends. The scheduler implements it; this package does not know the scheduler, so the two don't
     * depend on each other.
     */
    public interface Listener {
        /**
         * The task is about to block in get/wait: the lane's CPUs may be lent out.
         *
         * @param returned the lane's tasks that had not started, given back to be run elsewhere (the blocked
         *                 task may be waiting for one of them)
         */
        void blocked(String taskId, List<TaskLane.Granted> returned);

        /** The blocked task resumed. */
        void unblocked(String taskId);

        /**
         * The attempt ended.
         *
         * @param retry     the next attempt to queue, or null
         * @param inputLost whether {@code retry} waits for an input whose holder died
         */
        void done(String taskId, TaskSpec retry, boolean inputLost);

        /** The lane ran its last task: its resources return. */
        void ended(TaskLane lane);
    }

    /**
     * A runner for {@code lane}: once idle, it polls {@code spinNanos} and then waits up to {@code lingerNanos}
     * for a next task before it ends the lane.
     */
    public static Behavior<Void> create(TaskLane lane, long spinNanos, long lingerNanos, Invocation invocation,
                                        Listener listener) {
        return Behaviors.setup(ctx -> {
            try {
                for (TaskLane.Granted task = lane.next(0, 0); task != null; task = lane.next(spinNanos, lingerNanos)) {
                    runAttempt(task, lane, invocation, listener, ctx);
                }
            } finally {
                listener.ended(lane);
            }
            return Behaviors.stopped();
        });
    }

    private static void runAttempt(TaskLane.Granted task, TaskLane lane, Invocation invocation, Listener listener,
                                   akka.actor.typed.javadsl.ActorContext<Void> ctx) {
        TaskSpec spec = task.spec();
        TaskSpec retry = null;
        boolean inputLost = false;
        try {
            TaskContext context = new TaskContext(spec.taskId(), null, lane.allocation().gpuIds(),
                    new LaneBlocking(lane, listener), spec.namespace(), null);
            Invocation.Outcome outcome = invocation.invoke(spec, null, task.args(), context);
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
    }

    /** A task's blocking listener: gives the lane's waiting tasks back before the scheduler lends the CPUs. */
    private record LaneBlocking(TaskLane lane, Listener listener) implements TaskContext.BlockingListener {
        @Override
        public void blocked(String taskId) {
            listener.blocked(taskId, lane.takeUnstarted());
        }

        @Override
        public void unblocked(String taskId) {
            lane.resume();
            listener.unblocked(taskId);
        }
    }
}
