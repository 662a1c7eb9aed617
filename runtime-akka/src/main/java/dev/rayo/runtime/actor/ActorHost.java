package dev.rayo.runtime.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.ddata.LWWMap;
import akka.cluster.ddata.typed.javadsl.Replicator;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import dev.rayo.runtime.scheduler.NodeScheduler;
import dev.rayo.runtime.task.Invocation;
import dev.rayo.runtime.task.NodeServices;
import dev.rayo.runtime.task.TaskContext;
import dev.rayo.runtime.wire.ActorSpec;
import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.RayoMessage;
import dev.rayo.runtime.wire.RecentIds;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One Rayo actor, as a Cluster Sharding entity (entity id = actor id) running on the actor dispatcher.
 * It builds the instance from its {@link ActorSpec} once its constructor inputs are ready and its resources
 * granted, then runs calls one at a time in arrival order: a call whose ref arguments are not ready yet
 * holds back the calls behind it, so each caller's order is kept. One behavior per state:
 * {@link #awaitingSpec}, {@link #starting}, {@link #active}, {@link #dead}.
 */
public final class ActorHost {
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

    /**
     * How an entity that got calls but no {@link Create} looks itself up in the actor table.
     *
     * @param restartCheckDelay    how long it waits for a Create before looking
     * @param majorityReadAttempts majority reads that may time out before this node's own copy is used
     */
    public record Timing(Duration restartCheckDelay, int majorityReadAttempts) {
    }

    /** The inputs of the constructor ({@code callId} null) or of call {@code callId} are resolved. */
    private record InputsReady(String callId, List<StoredValue> values, Throwable failure) implements Command {
    }

    private record Granted(NodeScheduler.ActorGrant grant) implements Command {
    }

    /** No Create came: this entity may be an actor whose node died; look it up in the actor table. */
    private record CheckRestart() implements Command {
    }

    private record TableRead(Replicator.GetResponse<LWWMap<String, ActorTable.ActorRecord>> response) implements Command {
    }

    private static final String RESTART_CHECK = "restart-check";

    private final String actorId;
    private final NodeServices services;
    private final Invocation invocation;
    private final ActorRef<NodeScheduler.Command> scheduler;
    private final ActorDirectory directory;
    private final ActorTable table;
    private final LocalActors local;
    private final Timing timing;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ArrayDeque<TaskSpec> calls = new ArrayDeque<>();
    private final RecentIds cancelled = new RecentIds();
    /** Calls this incarnation received: a caller resends calls whose acknowledgement it missed. */
    private final RecentIds received = new RecentIds();
    private ActorSpec spec;
    private Allocation allocation = Allocation.NONE;
    private int failedTableReads;
    /** The active state with no call waiting for its inputs, and with the head call waiting; set once built. */
    private Behavior<Command> activeIdle;
    private Behavior<Command> activeAwaitingHead;
    /** Whether this incarnation counts in the node's live actors (from construction until it dies or stops). */
    private boolean counted;

    /** The behavior of entity {@code actorId} on this node. */
    public static Behavior<Command> create(String actorId, NodeServices services, ActorRef<NodeScheduler.Command> scheduler,
                                           ActorDirectory directory, ActorTable table, LocalActors local, Timing timing) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new ActorHost(ctx, timers, actorId, services, scheduler, directory, table, local, timing).awaitingSpec()));
    }

    private ActorHost(ActorContext<Command> context, TimerScheduler<Command> timers, String actorId, NodeServices services,
                      ActorRef<NodeScheduler.Command> scheduler, ActorDirectory directory, ActorTable table,
                      LocalActors local, Timing timing) {
        this.context = context;
        this.timers = timers;
        this.actorId = actorId;
        this.services = services;
        this.invocation = Invocation.forActors(services);
        this.scheduler = scheduler;
        this.directory = directory;
        this.table = table;
        this.local = local;
        this.timing = timing;
    }

    // ---------------------------------------------------------------- states

    /** Created by sharding for a call or a Create; nothing known yet. */
    private Behavior<Command> awaitingSpec() {
        return alive(Behaviors.receive(Command.class)
                .onMessage(Create.class, create -> start(create.spec()))
                .onMessage(Call.class, call -> {
                    if (accept(call) && !timers.isTimerActive(RESTART_CHECK)) {
                        // A Create normally comes first; if none comes, the actor is being re-created after a failure.
                        timers.startSingleTimer(RESTART_CHECK, new CheckRestart(), timing.restartCheckDelay());
                    }
                    return Behaviors.same();
                })
                .onMessage(CheckRestart.class, check -> {
                    // After a few majority reads that timed out (nodes dying around), this node's copy will do.
                    table.read(context.messageAdapter(tableResponseClass(), TableRead::new),
                            failedTableReads < timing.majorityReadAttempts());
                    return Behaviors.same();
                })
                .onMessage(TableRead.class, this::onTableRead));
    }

    /** The spec is known: resolving the constructor's inputs, then waiting for the scheduler's grant. */
    private Behavior<Command> starting() {
        return alive(Behaviors.receive(Command.class)
                .onMessage(Call.class, call -> {
                    accept(call);
                    return Behaviors.same();
                })
                .onMessage(InputsReady.class, ready -> {
                    String failure = failureOf(ready);
                    if (failure != null) {
                        return die("its constructor input failed: " + failure);
                    }
                    scheduler.tell(new NodeScheduler.AcquireForActor(actorId, spec.resources(),
                            context.messageAdapter(NodeScheduler.ActorGrant.class, Granted::new)));
                    return awaitingGrant(ready.values());
                }));
    }

    private Behavior<Command> awaitingGrant(List<StoredValue> constructorArgs) {
        return alive(Behaviors.receive(Command.class)
                .onMessage(Call.class, call -> {
                    accept(call);
                    return Behaviors.same();
                })
                .onMessage(Granted.class, granted -> {
                    if (granted.grant().allocation() == null) {
                        return die("it can't be placed: " + granted.grant().infeasibleReason());
                    }
                    allocation = granted.grant().allocation();
                    Invocation.Outcome built;
                    try {
                        Object[] args = invocation.decodeArguments(spec.ownerAddress(), constructorArgs);
                        built = invocation.invoke(spec.ownerAddress(), spec.constructor(), null, args, contextOf("create"));
                    } catch (Throwable e) {
                        built = new Invocation.Threw(e);
                    }
                    if (built instanceof Invocation.Threw threw) {
                        return die("its constructor threw " + threw.error());
                    }
                    services.liveActors().incrementAndGet();
                    counted = true;
                    table.hostedHere(actorId);
                    local.started(actorId, context.getSelf());
                    Object instance = ((Invocation.Returned) built).value();
                    // Built once: a behavior per message would cost every call a builder and its handlers.
                    activeIdle = active(instance, false);
                    activeAwaitingHead = active(instance, true);
                    return drain(instance);
                }));
    }

    /** Running calls on {@code instance}; {@code headResolving} while the head call's inputs are resolved. */
    private Behavior<Command> active(Object instance, boolean headResolving) {
        return alive(Behaviors.receive(Command.class)
                .onMessage(Call.class, call -> accept(call) && !headResolving ? drain(instance) : Behaviors.same())
                .onMessage(InputsReady.class, ready -> {
                    // The head may have been cancelled while its inputs were resolved: then these inputs are its
                    // and nobody's, and the next call resolves its own.
                    TaskSpec head = calls.peek() != null && calls.peek().taskId().equals(ready.callId()) ? calls.poll() : null;
                    if (head != null) {
                        if (ArgumentResolution.anyFailed(ready.values(), ready.failure())) {
                            invocation.fail(head, errorOf(head, ready));
                        } else {
                            invocation.complete(head, invocation.invoke(head, instance, ready.values(), contextOf(head.taskId())));
                        }
                    }
                    return drain(instance);
                })
                .onSignal(PostStop.class, stop -> {
                    stopped("its node is shutting down");
                    return Behaviors.same();
                }));
    }

    /** Killed, failed to start, or out of restarts: every call fails at once with why. */
    private Behavior<Command> dead(String reason) {
        String message = deathMessage(reason);
        return Behaviors.receive(Command.class)
                .onMessage(Call.class, call -> {
                    if (!cancelled.remove(call.spec().taskId())) {
                        services.results().placed(call.spec().ownerAddress(), call.spec().taskId(), services.nodeAddress(), 0);
                        if (received.add(call.spec().taskId())) {
                            invocation.failActorCall(call.spec(), message);
                        }
                    }
                    return Behaviors.same();
                })
                .onMessage(Kill.class, kill -> {
                    table.markKilled(actorId);
                    return Behaviors.same();
                })
                .onMessage(Cancel.class, cancel -> {
                    // A late copy of the cancelled call must be dropped silently, not answered as dead.
                    cancelled.add(cancel.callId());
                    return Behaviors.same();
                })
                .onMessage(Granted.class, granted -> {
                    releaseLateGrant(granted);
                    return Behaviors.same();
                })
                .onAnyMessage(other -> Behaviors.same())
                .build();
    }

    // ---------------------------------------------------------------- shared handling

    /**
     * A living state: its own handlers ({@code state}, which take precedence), then what every living state
     * does: take kills, cancels and late grants, and die when the node stops.
     */
    private Behavior<Command> alive(BehaviorBuilder<Command> state) {
        return state
                .onMessage(Kill.class, kill -> {
                    table.markKilled(actorId);
                    return die(kill.reason());
                })
                .onMessage(Cancel.class, cancel -> {
                    if (!calls.removeIf(c -> c.taskId().equals(cancel.callId()))) {
                        cancelled.add(cancel.callId());
                    }
                    return Behaviors.same();
                })
                .onMessage(Granted.class, granted -> {
                    releaseLateGrant(granted);
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, stop -> {
                    stopped("its node is shutting down");
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> start(ActorSpec created) {
        timers.cancel(RESTART_CHECK);
        spec = created;
        resolve(null, spec.args());
        return starting();
    }

    /** Acknowledges {@code call} and queues it, unless it was cancelled or is a resent copy; true when queued. */
    private boolean accept(Call call) {
        String callId = call.spec().taskId();
        if (cancelled.remove(callId)) {
            return false;
        }
        services.results().placed(call.spec().ownerAddress(), callId, services.nodeAddress(), 0);
        if (!received.add(callId)) {
            return false;
        }
        calls.add(call.spec());
        return true;
    }

    /** Runs queued calls in order until one must wait for its inputs. */
    private Behavior<Command> drain(Object instance) {
        while (!calls.isEmpty()) {
            TaskSpec head = calls.peek();
            if (!allInline(head.args())) {
                resolve(head.taskId(), head.args());
                return activeAwaitingHead;
            }
            calls.poll();
            List<StoredValue> values = new ArrayList<>(head.args().size());
            head.args().forEach(a -> values.add(((TaskArg.Value) a).value()));
            invocation.complete(head, invocation.invoke(head, instance, values, contextOf(head.taskId())));
        }
        return activeIdle;
    }

    private Behavior<Command> onTableRead(TableRead read) {
        if (read.response() instanceof Replicator.GetFailure<?>) {
            // Not an answer: the calls stay queued while the table is asked again.
            failedTableReads++;
            timers.startSingleTimer(RESTART_CHECK, new CheckRestart(), timing.restartCheckDelay());
            return Behaviors.same();
        }
        ActorTable.ActorRecord record = read.response() instanceof Replicator.GetSuccess<LWWMap<String, ActorTable.ActorRecord>> ok
                ? ok.get(ActorTable.KEY).getEntries().get(actorId) : null;
        if (record == null) {
            return die("it is not in the actor table (it was never created, or its creation was lost)");
        }
        spec = record.spec();
        if (record.killed()) {
            return die("it was killed");
        }
        if (record.restarts() >= record.spec().maxRestarts()) {
            return die("its node died and it ran out of restarts (maxRestarts=" + record.spec().maxRestarts() + ")");
        }
        table.countRestart(record);
        context.getLog().info("re-creating actor {} after a failure (restart {} of {})", actorId,
                record.restarts() + 1, record.spec().maxRestarts());
        return start(record.spec());
    }

    /** Ends this incarnation: frees its name, resources and place, and fails every queued call. */
    private Behavior<Command> die(String reason) {
        stopped(reason);
        return dead(reason);
    }

    private void stopped(String reason) {
        // The instance goes with the actor: the refs and handles in its state are released (reference counting).
        activeIdle = null;
        activeAwaitingHead = null;
        if (counted) {
            services.liveActors().decrementAndGet();
            counted = false;
        }
        local.stopped(actorId, context.getSelf());
        if (spec != null && spec.name() != null) {
            directory.unregisterLater(spec.name(), actorId);
        }
        if (allocation != Allocation.NONE) {
            scheduler.tell(new NodeScheduler.ReleaseActor(actorId));
            allocation = Allocation.NONE;
        }
        String message = deathMessage(reason);
        calls.forEach(call -> invocation.failActorCall(call, message));
        calls.clear();
    }

    private void releaseLateGrant(Granted granted) {
        if (granted.grant().allocation() != null) {
            scheduler.tell(new NodeScheduler.ReleaseActor(actorId));
        }
    }

    private String deathMessage(String reason) {
        String what = spec == null ? "actor " + actorId : "actor " + spec.className() + " (" + actorId + ")";
        return what + " is dead: " + reason;
    }

    private TaskContext contextOf(String taskId) {
        return new TaskContext(taskId, actorId, allocation.gpuIds(), null);
    }

    private void resolve(String callId, List<TaskArg> args) {
        ArgumentResolution.resolve(args, services.resolver(), context, (values, failure) -> new InputsReady(callId, values, failure));
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

    private ErrorPayload errorOf(TaskSpec call, InputsReady ready) {
        return ArgumentResolution.errorOf(call.name(), ready.values(), ready.failure(), services.kryo(), services.nodeId());
    }

    @SuppressWarnings("unchecked")
    private static Class<Replicator.GetResponse<LWWMap<String, ActorTable.ActorRecord>>> tableResponseClass() {
        return (Class<Replicator.GetResponse<LWWMap<String, ActorTable.ActorRecord>>>) (Class<?>) Replicator.GetResponse.class;
    }
}
