package dev.rayo.runtime.task;

import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.events.TaskPhase;
import dev.rayo.runtime.events.TaskState;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.List;

/**
 * The one way user code is called, for tasks and for both kinds of actor host: decode the function and the
 * resolved arguments under the code of the caller (its shipped jars, when this node lacks a class), invoke
 * it with the actor instance as receiver when there is one, inside a {@link TaskContext}, then store every
 * return object or fail every one. Tasks, in-memory actors and journaled actors differ only in what they
 * do around these steps (retries, call order, the journal), so keeping the steps here keeps them alike.
 */
public final class Invocation {
    private final NodeServices services;
    private final boolean actorCalls;

    private Invocation(NodeServices services, boolean actorCalls) {
        this.services = services;
        this.actorCalls = actorCalls;
    }

    /**
     * Invocations of tasks on this node: Rayo's own errors while preparing a task (a lost input, a class that
     * can't be loaded) keep their type, so the caller sees what went wrong rather than a task failure.
     */
    public static Invocation forTasks(NodeServices services) {
        return new Invocation(services, false);
    }

    /**
     * Invocations of actor methods on this node: whatever an actor call throws reaches the caller as the
     * call's failure ({@code RayoTaskException} with the cause), as Ray reports actor task errors.
     */
    public static Invocation forActors(NodeServices services) {
        return new Invocation(services, true);
    }

    /** What one call of user code came to. */
    public sealed interface Outcome {
    }

    /** The code returned {@code value} (null for void functions). */
    public record Returned(Object value) implements Outcome {
    }

    /** The code, or decoding its function or arguments, threw {@code error}. */
    public record Threw(Throwable error) implements Outcome {
    }

    /**
     * An argument could not be read because the node holding it is gone; the owner can make it again, so a
     * task runs again later rather than failing.
     */
    public record InputLost(ObjectLostException cause) implements Outcome {
    }

    /**
     * Runs {@code call} with its resolved arguments {@code args}: records that it started, decodes, invokes
     * with {@code receiver} (an actor instance, or null for a task) in {@code context}.
     */
    public Outcome invoke(TaskSpec call, Object receiver, List<StoredValue> args, TaskContext context) {
        TaskEventLog events = services.events();
        String actorId = context.actorId();
        events.onWorker(call.taskId(), call.name(), call.attempt(), TaskState.RUNNING, services.nodeId(), actorId, null);
        Object[] values;
        try {
            values = decodeArguments(call.ownerAddress(), args);
        } catch (ObjectLostException lost) {
            return new InputLost(lost);
        } catch (Throwable error) {
            return new Threw(error);
        }
        events.phase(call.taskId(), call.name(), call.attempt(), TaskPhase.ARGUMENTS_READY, services.nodeId(), actorId);
        Outcome outcome = invoke(call.ownerAddress(), call.function(), receiver, values, context);
        events.phase(call.taskId(), call.name(), call.attempt(), TaskPhase.EXECUTED, services.nodeId(), actorId);
        return outcome;
    }

    /**
     * Decodes {@code function} under the code of {@code ownerAddress} and applies it to {@code args}
     * (prefixed by {@code receiver} when not null) in {@code context}.
     */
    public Outcome invoke(String ownerAddress, byte[] function, Object receiver, Object[] args, TaskContext context) {
        try {
            Object fn = services.code().withOwnersCode(ownerAddress, () -> services.functions().decode(function));
            Object[] all = receiver == null ? args : FunctionInvoker.withReceiver(receiver, args);
            return new Returned(context.run(() -> FunctionInvoker.invoke(fn, all)));
        } catch (Throwable error) {
            return new Threw(error);
        }
    }

    /** Reads the resolved arguments {@code args} as values, loading classes from the code of {@code ownerAddress}. */
    public Object[] decodeArguments(String ownerAddress, List<StoredValue> args) throws Exception {
        return services.code().withOwnersCode(ownerAddress, () -> {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = services.values().read(args.get(i));
            }
            return values;
        });
    }

    /** Decodes arguments that were journaled as one Kryo-encoded {@code Object[]}, under the owner's code. */
    public Object[] decodeJournaled(String ownerAddress, byte[] encoded) throws Exception {
        return (Object[]) services.code().withOwnersCode(ownerAddress, () -> services.kryo().fromBytes(encoded));
    }

    /** Encodes resolved arguments as one {@code Object[]} for the journal; decoded under the owner's code. */
    public byte[] encodeForJournal(String ownerAddress, List<StoredValue> args) throws Exception {
        return services.kryo().toBytes(decodeArguments(ownerAddress, args));
    }

    /**
     * Finishes {@code call}: stores what it returned as its return objects, or fails every return id with
     * what it threw; records the task event either way.
     */
    public void complete(TaskSpec call, Outcome outcome) {
        complete(call, outcome, null);
    }

    /**
     * Like {@link #complete(TaskSpec, Outcome)}, for a call of actor {@code actorId} (null for a task), so the
     * final event names the actor as the running one did.
     */
    public void complete(TaskSpec call, Outcome outcome, String actorId) {
        if (outcome instanceof Returned returned) {
            ResultWriter.write(call.name(), call.returnIds(), call.ownerAddress(), returned.value(), services);
            services.events().onWorker(call.taskId(), call.name(), call.attempt(), TaskState.FINISHED,
                    services.nodeId(), actorId, null);
            return;
        }
        Throwable error = outcome instanceof Threw threw ? threw.error() : ((InputLost) outcome).cause();
        ResultWriter.fail(call, errorOf(call.name(), error), services);
        services.events().onWorker(call.taskId(), call.name(), call.attempt(), TaskState.FAILED, services.nodeId(),
                actorId, actorCalls ? error.toString() : error.getClass().getName() + ": " + error.getMessage());
    }

    /**
     * The payload of {@code error} raised while running {@code name}: for tasks, Rayo's own errors while
     * preparing the call keep their type and anything else is the task's failure; for actor calls, everything
     * is the call's failure (see {@link #forTasks} and {@link #forActors}).
     */
    public ErrorPayload errorOf(String name, Throwable error) {
        return !actorCalls && error instanceof RuntimeException re
                ? ErrorPayload.ofRuntimeError(name, services.nodeId(), re, services.kryo())
                : ErrorPayload.ofTaskFailure(name, services.nodeId(), error, services.kryo());
    }

    /** Fails every return id of {@code call} with {@code error}, without running it. */
    public void fail(TaskSpec call, ErrorPayload error) {
        ResultWriter.fail(call, error, services);
    }

    /** The error a cancelled task's results carry ({@code Rayo.cancel}). */
    public ErrorPayload cancelledError(TaskSpec call) {
        return ErrorPayload.of(ErrorPayload.Kind.CANCELLED, call.name(), services.nodeId(),
                "task " + call.name() + " (" + call.taskId() + ") was cancelled");
    }

    /** Fails every return id of {@code call} as cancelled, and records the attempt as failed so. */
    public void cancelled(TaskSpec call) {
        ErrorPayload error = cancelledError(call);
        ResultWriter.fail(call, error, services);
        services.events().onWorker(call.taskId(), call.name(), call.attempt(), TaskState.FAILED, services.nodeId(),
                null, error.message());
    }

    /** Fails every return id of {@code call} with an actor error saying {@code message}. */
    public void failActorCall(TaskSpec call, String message) {
        fail(call, ErrorPayload.of(ErrorPayload.Kind.ACTOR, call.name(), services.nodeId(), message));
    }

    /**
     * Fails every return id of {@code call} with an actor error saying {@code message} whose cause is
     * {@code cause} (what the actor's constructor threw), or with no cause when it is null.
     */
    public void failActorCall(TaskSpec call, String message, Throwable cause) {
        fail(call, cause == null ? ErrorPayload.of(ErrorPayload.Kind.ACTOR, call.name(), services.nodeId(), message)
                : ErrorPayload.ofActorError(call.name(), services.nodeId(), message, cause, services.kryo()));
    }

    /** The node's services, for hosts that need more than the invocation steps. */
    public NodeServices services() {
        return services;
    }
}
