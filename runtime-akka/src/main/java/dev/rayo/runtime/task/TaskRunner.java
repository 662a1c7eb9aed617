package dev.rayo.runtime.task;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.rayo.runtime.NodeServices;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.ownership.ErrorPayload;
import dev.rayo.runtime.ownership.StoredValue;
import dev.rayo.runtime.scheduler.Allocation;
import dev.rayo.runtime.scheduler.NodeScheduler;

import java.util.List;

/**
 * The short-lived behavior of one task attempt: started on the worker dispatcher, it decodes the inputs,
 * runs the user function, stores the results with their owner, tells the scheduler, and stops.
 */
public final class TaskRunner {
    private TaskRunner() {
    }

    /** A runner for {@code spec} whose resolved inputs are {@code args}. */
    public static Behavior<Void> create(TaskSpec spec, List<StoredValue> args, Allocation allocation,
                                        NodeServices services, ActorRef<NodeScheduler.Command> scheduler) {
        return Behaviors.setup(ctx -> {
            TaskSpec retry = null;
            boolean inputLost = false;
            try {
                retry = run(spec, args, allocation, services, scheduler);
            } catch (InputLost lost) {
                retry = spec;
                inputLost = true;
            } catch (Throwable fatal) {
                // Whatever went wrong outside the user's code, the owner must hear of it: no ref may hang.
                ctx.getLog().error("task {} failed inside the runtime", spec.name(), fatal);
                reportAll(spec, new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.SYSTEM, spec.name(),
                        services.nodeId(), "Rayo failed to run or store " + spec.name() + ": " + fatal)), services);
            } finally {
                scheduler.tell(new NodeScheduler.TaskDone(spec.taskId(), retry, inputLost));
            }
            return Behaviors.stopped();
        });
    }

    private static TaskSpec run(TaskSpec spec, List<StoredValue> args, Allocation allocation, NodeServices services,
                                ActorRef<NodeScheduler.Command> scheduler) {
        services.events().record(spec.taskId(), spec.name(), TaskEvent.Kind.STARTED, services.nodeId(), null);
        TaskContext context = new TaskContext(spec.taskId(), null, allocation.gpuIds(), new TaskContext.BlockingListener() {
            @Override
            public void blocked(String taskId) {
                scheduler.tell(new NodeScheduler.Blocked(taskId));
            }

            @Override
            public void unblocked(String taskId) {
                scheduler.tell(new NodeScheduler.Unblocked(taskId));
            }
        });
        Object result;
        try {
            Object fn = services.code().withOwnersCode(spec.ownerAddress(), () -> services.functions().decode(spec.function()));
            Object[] values;
            try {
                values = services.code().withOwnersCode(spec.ownerAddress(), () -> decodeArgs(args, services));
            } catch (dev.rayo.api.exception.ObjectLostException lost) {
                throw new InputLost(lost);
            }
            result = context.run(() -> FunctionInvoker.invoke(fn, values));
        } catch (Throwable error) {
            if (error instanceof InputLost lost) {
                throw lost;
            }
            if (spec.retryExceptions() && spec.mayRetry()) {
                return spec.nextAttempt();
            }
            ErrorPayload payload = error instanceof RuntimeException re && isRuntimeFailure(re)
                    ? ErrorPayload.ofRuntimeError(spec.name(), services.nodeId(), re, services.kryo())
                    : ErrorPayload.ofTaskFailure(spec.name(), services.nodeId(), error, services.kryo());
            reportAll(spec, new StoredValue.Failed(payload), services);
            services.events().record(spec.taskId(), spec.name(), TaskEvent.Kind.FAILED, services.nodeId(),
                    error.getClass().getName() + ": " + error.getMessage());
            return null;
        }
        ResultWriter.write(spec.name(), spec.returnIds(), spec.ownerAddress(), result, services);
        services.events().record(spec.taskId(), spec.name(), TaskEvent.Kind.FINISHED, services.nodeId(), null);
        return null;
    }

    /** An input could not be read because the node holding it is gone; the task runs again later. */
    private static final class InputLost extends RuntimeException {
        InputLost(Throwable cause) {
            super(cause);
        }
    }

    private static Object[] decodeArgs(List<StoredValue> args, NodeServices services) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = services.values().read(args.get(i));
        }
        return values;
    }

    /** Errors of Rayo itself while preparing the call (not thrown by user code) keep their own type. */
    private static boolean isRuntimeFailure(RuntimeException e) {
        return e instanceof dev.rayo.api.exception.RayoException && !(e instanceof dev.rayo.api.exception.RayoTaskException);
    }

    static void reportAll(TaskSpec spec, StoredValue value, NodeServices services) {
        for (String id : spec.returnIds()) {
            services.results().report(spec.ownerAddress(), id, value);
        }
    }
}
