package dev.rayo.runtime.task;

import dev.rayo.runtime.events.TaskState;
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

    /** The one message a runner sends itself: run the next task's behavior. */
    public enum Next {
        /** The only value. */
        TASK
    }

    /**
     * The runner of {@code lane}. Each task is a short-lived behavior of its own ({@link #forTask}): it runs its
     * attempt, then either stops the runner (the lane ended: idle for {@code spinNanos} of polling and then
     * {@code lingerNanos} of waiting) or hands over to the next task's behavior through a message the runner
     * sends itself, so no chain of behaviors builds up on the stack. The actor is the lane's worker, as Ray's
     * leased worker process; the behaviors it runs in turn are the tasks.
     */
    public static Behavior<Next> create(TaskLane lane, long spinNanos, long lingerNanos, Invocation invocation,
                                        Listener listener) {
        Runner runner = new Runner(lane, spinNanos, lingerNanos, invocation, listener);
        return Behaviors.setup(ctx -> runner.forTask(lane.next(0, 0)));
    }

    /** What the behaviors of one lane's tasks share. */
    private record Runner(TaskLane lane, long spinNanos, long lingerNanos, Invocation invocation, Listener listener) {
        /** The behavior of {@code task}, the lane's next (null: the lane ended, and so does the runner). */
        Behavior<Next> forTask(TaskLane.Granted task) {
            if (task == null) {
                listener.ended(lane);
                return Behaviors.stopped();
            }
            return Behaviors.setup(ctx -> {
                TaskLane.Granted next = null;
                try {
                    runAttempt(task, lane, invocation, listener, ctx);
                    next = lane.next(spinNanos, lingerNanos);
                } finally {
                    if (next == null) {
                        listener.ended(lane);
                    }
                }
                if (next == null) {
                    return Behaviors.stopped();
                }
                TaskLane.Granted following = next;
                ctx.getSelf().tell(Next.TASK);
                return Behaviors.receiveMessage(m -> forTask(following));
            });
        }
    }

    private static void runAttempt(TaskLane.Granted task, TaskLane lane, Invocation invocation, Listener listener,
                                   akka.actor.typed.javadsl.ActorContext<Next> ctx) {
        TaskSpec spec = task.spec();
        TaskSpec retry = null;
        boolean inputLost = false;
        CancelledTasks cancels = invocation.services().cancelled();
        if (!cancels.starting(spec.taskId())) {
            // cancelled while it waited in this lane: it never runs
            invocation.cancelled(spec);
            listener.done(spec.taskId(), null, false);
            return;
        }
        boolean ran = false;
        try {
            TaskContext context = new TaskContext(spec.taskId(), null, lane.allocation().gpuIds(),
                    new LaneBlocking(lane, listener, spec, invocation.services()), spec.namespace(), null);
            Invocation.Outcome outcome = invocation.invoke(spec, null, task.args(), context);
            ran = true;
            if (cancels.finished(spec.taskId())) {
                // whatever the interrupted code did, the owner hears "cancelled", and it is not retried
                invocation.cancelled(spec);
            } else if (outcome instanceof Invocation.InputLost) {
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
            if (!ran) {
                cancels.finished(spec.taskId());
            }
            listener.done(spec.taskId(), retry, inputLost);
        }
    }

    /** A task's blocking listener: gives the lane's waiting tasks back before the scheduler lends the CPUs. */
    private record LaneBlocking(TaskLane lane, Listener listener, TaskSpec spec, NodeServices services)
            implements TaskContext.BlockingListener {
        @Override
        public void blocked(String taskId) {
            services.events().onWorker(spec.taskId(), spec.name(), spec.attempt(), TaskState.BLOCKED_IN_GET,
                    services.nodeId(), null, null);
            listener.blocked(taskId, lane.takeUnstarted());
        }

        @Override
        public void unblocked(String taskId) {
            lane.resume();
            listener.unblocked(taskId);
            services.events().onWorker(spec.taskId(), spec.name(), spec.attempt(), TaskState.RUNNING,
                    services.nodeId(), null, null);
        }
    }
}
