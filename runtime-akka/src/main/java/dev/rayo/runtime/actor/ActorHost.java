package dev.rayo.runtime.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import dev.rayo.runtime.NodeServices;
import dev.rayo.runtime.RayoMessage;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.ownership.ErrorPayload;
import dev.rayo.runtime.ownership.RecentIds;
import dev.rayo.runtime.ownership.StoredValue;
import dev.rayo.runtime.scheduler.Allocation;
import dev.rayo.runtime.scheduler.NodeScheduler;
import dev.rayo.runtime.task.FunctionInvoker;
import dev.rayo.runtime.task.ResultWriter;
import dev.rayo.runtime.task.TaskArg;
import dev.rayo.runtime.task.TaskContext;
import dev.rayo.runtime.task.TaskSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One Rayo actor, as a Cluster Sharding entity (entity id = actor id) running on the actor dispatcher.
 * It builds the instance from its {@link ActorSpec} once its constructor inputs are ready and its resources
 * granted, then runs calls one at a time in arrival order: a call whose ref arguments are not ready yet
 * holds back the calls behind it, so each caller's order is kept.
 */
public final class ActorHost extends AbstractBehavior<ActorHost.Command> {
    /** The sharding entity type of every Rayo actor. */
    public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "rayo-actor");

    /** The entity's protocol, shared by persistent actors ({@link PersistentActorHost}), hence not sealed. */
    public interface Command extends RayoMessage {
    }

    /** Build the actor (sent once, by the creator). */
    public record Create(ActorSpec spec) implements Command {
    }

    /** Run one method call. */
    public record Call(TaskSpec spec) implements Command {
    }

    /**
     * Drop a call its caller already failed (its actor's node died while it was in flight): a shard region
     * may still deliver it, late, to the re-created actor, where it must not run.
     */
    public record Cancel(String callId) implements Command {
    }

    /** Stop the actor for good; later calls fail with RayoActorException. */
    public record Kill(String reason) implements Command {
    }

    private record InputsReady(List<StoredValue> values, Throwable failure) implements Command {
    }

    private record Granted(NodeScheduler.ActorGrant grant) implements Command {
    }

    /** No Create came: this entity may be an actor whose node died; look it up in the actor table. */
    private record CheckRestart() implements Command {
    }

    private record TableRead(akka.cluster.ddata.typed.javadsl.Replicator.GetResponse<akka.cluster.ddata.LWWMap<String, ActorTable.ActorRecord>> response)
            implements Command {
    }

    private enum State { AWAITING_SPEC, STARTING, ACTIVE, DEAD }

    private static final java.time.Duration RESTART_CHECK_DELAY = java.time.Duration.ofSeconds(1);
    private static final int MAJORITY_READ_ATTEMPTS = 3;

    private final String actorId;
    private final NodeServices services;
    private final ActorRef<NodeScheduler.Command> scheduler;
    private final ActorDirectory directory;
    private final ActorTable table;
    private final LocalActors local;
    private final akka.actor.typed.javadsl.TimerScheduler<Command> timers;
    private final ArrayDeque<TaskSpec> calls = new ArrayDeque<>();
    private final RecentIds cancelled = new RecentIds();
    /** Calls this incarnation received: a caller resends calls whose acknowledgement it missed. */
    private final RecentIds received = new RecentIds();
    private State state = State.AWAITING_SPEC;
    private ActorSpec spec;
    private List<StoredValue> constructorArgs;
    private Allocation allocation = Allocation.NONE;
    private Object instance;
    private boolean resolvingHead;
    private int failedTableReads;
    private String deathReason;

    /** The behavior of entity {@code actorId} on this node. */
    public static Behavior<Command> create(String actorId, NodeServices services, ActorRef<NodeScheduler.Command> scheduler,
                                           ActorDirectory directory, ActorTable table, LocalActors local) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new ActorHost(ctx, timers, actorId, services, scheduler, directory, table, local)));
    }

    private ActorHost(ActorContext<Command> context, akka.actor.typed.javadsl.TimerScheduler<Command> timers, String actorId,
                      NodeServices services, ActorRef<NodeScheduler.Command> scheduler, ActorDirectory directory,
                      ActorTable table, LocalActors local) {
        super(context);
        this.local = local;
        this.timers = timers;
        this.table = table;
        this.directory = directory;
        this.actorId = actorId;
        this.services = services;
        this.scheduler = scheduler;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Create.class, this::onCreate)
                .onMessage(Call.class, this::onCall)
                .onMessage(Kill.class, this::onKill)
                .onMessage(Cancel.class, cancel -> {
                    if (!calls.removeIf(c -> c.taskId().equals(cancel.callId()))) {
                        cancelled.add(cancel.callId());
                    }
                    return this;
                })
                .onMessage(InputsReady.class, this::onInputsReady)
                .onMessage(Granted.class, this::onGranted)
                .onMessage(CheckRestart.class, c -> {
                    if (state == State.AWAITING_SPEC) {
                        // After a few majority reads that timed out (nodes dying around), this node's copy will do.
                        table.read(getContext().messageAdapter(
                                (Class<akka.cluster.ddata.typed.javadsl.Replicator.GetResponse<akka.cluster.ddata.LWWMap<String, ActorTable.ActorRecord>>>) (Class<?>)
                                        akka.cluster.ddata.typed.javadsl.Replicator.GetResponse.class, TableRead::new),
                                failedTableReads < MAJORITY_READ_ATTEMPTS);
                    }
                    return this;
                })
                .onMessage(TableRead.class, this::onTableRead)
                .onSignal(akka.actor.typed.PostStop.class, stop -> {
                    die("its node is shutting down");
                    return this;
                })
                .build();
    }

    private Behavior<Command> onCreate(Create create) {
        if (state != State.AWAITING_SPEC) {
            return this;
        }
        timers.cancel("restart-check");
        spec = create.spec();
        state = State.STARTING;
        resolve(spec.args());
        return this;
    }

    private Behavior<Command> onCall(Call call) {
        String callId = call.spec().taskId();
        if (cancelled.remove(callId)) {
            return this;
        }
        services.results().placed(call.spec().ownerAddress(), callId, services.nodeAddress(), 0);
        if (!received.add(callId)) {
            return this;
        }
        if (state == State.DEAD) {
            failCall(call.spec(), deathMessage());
            return this;
        }
        calls.add(call.spec());
        if (state == State.ACTIVE) {
            drain();
        } else if (state == State.AWAITING_SPEC && !timers.isTimerActive("restart-check")) {
            // A Create normally comes first; if none comes, the actor is being re-created after a failure.
            timers.startSingleTimer("restart-check", new CheckRestart(), RESTART_CHECK_DELAY);
        }
        return this;
    }

    private Behavior<Command> onTableRead(TableRead read) {
        if (state != State.AWAITING_SPEC) {
            return this;
        }
        if (read.response() instanceof akka.cluster.ddata.typed.javadsl.Replicator.GetFailure<?>) {
            // Not an answer: the calls stay queued while the table is asked again.
            failedTableReads++;
            timers.startSingleTimer("restart-check", new CheckRestart(), RESTART_CHECK_DELAY);
            return this;
        }
        ActorTable.ActorRecord record = read.response() instanceof akka.cluster.ddata.typed.javadsl.Replicator.GetSuccess<akka.cluster.ddata.LWWMap<String, ActorTable.ActorRecord>> ok
                ? ok.get(ActorTable.KEY).getEntries().get(actorId) : null;
        if (record == null) {
            die("it is not in the actor table (it was never created, or its creation was lost)");
        } else if (record.killed()) {
            spec = record.spec();
            die("it was killed");
        } else if (record.restarts() >= record.spec().maxRestarts()) {
            spec = record.spec();
            die("its node died and it ran out of restarts (maxRestarts=" + record.spec().maxRestarts() + ")");
        } else {
            table.countRestart(record);
            getContext().getLog().info("re-creating actor {} after a failure (restart {} of {})", actorId,
                    record.restarts() + 1, record.spec().maxRestarts());
            onCreate(new Create(record.spec()));
        }
        return this;
    }

    private Behavior<Command> onKill(Kill kill) {
        table.markKilled(actorId);
        die(kill.reason());
        return this;
    }

    private Behavior<Command> onInputsReady(InputsReady ready) {
        if (state == State.STARTING && instance == null && constructorArgs == null) {
            String failure = failureOf(ready);
            if (failure != null) {
                die("its constructor input failed: " + failure);
                return this;
            }
            constructorArgs = ready.values();
            ActorRef<NodeScheduler.ActorGrant> replyTo = getContext().messageAdapter(NodeScheduler.ActorGrant.class, Granted::new);
            scheduler.tell(new NodeScheduler.AcquireForActor(actorId, spec.resources(), replyTo));
        } else if (state == State.ACTIVE) {
            resolvingHead = false;
            TaskSpec head = calls.poll();
            if (head != null) {
                String failure = failureOf(ready);
                if (failure != null) {
                    failCallWith(head, ready);
                } else {
                    invoke(head, ready.values());
                }
            }
            drain();
        }
        return this;
    }

    private Behavior<Command> onGranted(Granted granted) {
        if (state != State.STARTING) {
            if (granted.grant().allocation() != null) {
                scheduler.tell(new NodeScheduler.ReleaseActor(actorId));
            }
            return this;
        }
        if (granted.grant().allocation() == null) {
            die("it can't be placed: " + granted.grant().infeasibleReason());
            return this;
        }
        allocation = granted.grant().allocation();
        try {
            Object ctor = services.code().withOwnersCode(spec.ownerAddress(), () -> services.functions().decode(spec.constructor()));
            Object[] values = services.code().withOwnersCode(spec.ownerAddress(), () -> decode(constructorArgs));
            instance = context("create").run(() -> FunctionInvoker.invoke(ctor, values));
        } catch (Throwable t) {
            die("its constructor threw " + t);
            return this;
        }
        constructorArgs = null;
        state = State.ACTIVE;
        services.liveActors().incrementAndGet();
        table.hostedHere(actorId);
        local.started(actorId, getContext().getSelf());
        drain();
        return this;
    }

    /** Runs queued calls in order until one must wait for its inputs. */
    private void drain() {
        while (!resolvingHead && !calls.isEmpty()) {
            TaskSpec head = calls.peek();
            if (allInline(head.args())) {
                calls.poll();
                List<StoredValue> values = new ArrayList<>(head.args().size());
                head.args().forEach(a -> values.add(((TaskArg.Value) a).value()));
                invoke(head, values);
            } else {
                resolvingHead = true;
                resolve(head.args());
            }
        }
    }

    private void invoke(TaskSpec call, List<StoredValue> args) {
        services.events().record(call.taskId(), call.name(), TaskEvent.Kind.STARTED, services.nodeId(), null);
        Object result;
        try {
            Object fn = services.code().withOwnersCode(call.ownerAddress(), () -> services.functions().decode(call.function()));
            Object[] values = FunctionInvoker.withReceiver(instance,
                    services.code().withOwnersCode(call.ownerAddress(), () -> decode(args)));
            result = context(call.taskId()).run(() -> FunctionInvoker.invoke(fn, values));
        } catch (Throwable t) {
            StoredValue failed = new StoredValue.Failed(ErrorPayload.ofTaskFailure(call.name(), services.nodeId(), t, services.kryo()));
            call.returnIds().forEach(id -> services.results().report(call.ownerAddress(), id, failed));
            services.events().record(call.taskId(), call.name(), TaskEvent.Kind.FAILED, services.nodeId(), t.toString());
            return;
        }
        ResultWriter.write(call.name(), call.returnIds(), call.ownerAddress(), result, services);
        services.events().record(call.taskId(), call.name(), TaskEvent.Kind.FINISHED, services.nodeId(), null);
    }

    private TaskContext context(String taskId) {
        return new TaskContext(taskId, actorId, allocation.gpuIds(), null);
    }

    private Object[] decode(List<StoredValue> args) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = services.values().read(args.get(i));
        }
        return values;
    }

    private void resolve(List<TaskArg> args) {
        List<CompletableFuture<StoredValue>> inputs = new ArrayList<>(args.size());
        for (TaskArg arg : args) {
            inputs.add(arg instanceof TaskArg.Ref ref ? services.resolver().resolve(ref.ref())
                    : CompletableFuture.completedFuture(((TaskArg.Value) arg).value()));
        }
        getContext().pipeToSelf(CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new)), (ok, error) -> {
            if (error != null) {
                return new InputsReady(null, error.getCause() == null ? error : error.getCause());
            }
            return new InputsReady(inputs.stream().map(CompletableFuture::join).toList(), null);
        });
    }

    private static boolean allInline(List<TaskArg> args) {
        for (TaskArg a : args) {
            if (!(a instanceof TaskArg.Value)) {
                return false;
            }
        }
        return true;
    }

    private static String failureOf(InputsReady ready) {
        if (ready.failure() != null) {
            return ready.failure().toString();
        }
        for (StoredValue v : ready.values()) {
            if (v instanceof StoredValue.Failed f) {
                return f.error().causeClassName() != null ? f.error().causeClassName() + ": " + f.error().message()
                        : f.error().message();
            }
        }
        return null;
    }

    private void failCallWith(TaskSpec call, InputsReady ready) {
        ErrorPayload error = null;
        if (ready.failure() instanceof RuntimeException re) {
            error = ErrorPayload.ofRuntimeError(call.name(), services.nodeId(), re, services.kryo());
        } else if (ready.values() != null) {
            for (StoredValue v : ready.values()) {
                if (v instanceof StoredValue.Failed f) {
                    error = f.error();
                    break;
                }
            }
        }
        if (error == null) {
            error = ErrorPayload.of(ErrorPayload.Kind.SYSTEM, call.name(), services.nodeId(), String.valueOf(ready.failure()));
        }
        StoredValue failed = new StoredValue.Failed(error);
        call.returnIds().forEach(id -> services.results().report(call.ownerAddress(), id, failed));
    }

    private void die(String reason) {
        if (state == State.DEAD) {
            return;
        }
        local.stopped(actorId, getContext().getSelf());
        deathReason = reason;
        if (state == State.ACTIVE) {
            services.liveActors().decrementAndGet();
        }
        state = State.DEAD;
        if (spec != null && spec.name() != null) {
            directory.unregisterLater(spec.name(), actorId);
        }
        instance = null;
        if (allocation != Allocation.NONE) {
            scheduler.tell(new NodeScheduler.ReleaseActor(actorId));
            allocation = Allocation.NONE;
        }
        String message = deathMessage();
        calls.forEach(call -> failCall(call, message));
        calls.clear();
    }

    private String deathMessage() {
        String what = spec == null ? "actor " + actorId : "actor " + spec.className() + " (" + actorId + ")";
        return what + " is dead: " + deathReason;
    }

    private void failCall(TaskSpec call, String message) {
        StoredValue failed = new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.ACTOR, call.name(), services.nodeId(), message));
        call.returnIds().forEach(id -> services.results().report(call.ownerAddress(), id, failed));
    }
}
