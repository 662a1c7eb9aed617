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
 * granted, then hands calls, in arrival order, to the actor's own threads ({@link ActorExecution}): a call
 * whose ref arguments are not ready yet holds back the calls behind it, so each caller's order is kept. The
 * entity itself never runs user code, so a kill is handled at once even while a call runs: the running and
 * waiting calls fail, the threads are interrupted and abandoned, the resources go back, and the actor is
 * restarted when the kill asks for it and restarts are left. One behavior per state:
 * {@link #awaitingSpec}, {@link #starting}, {@link #building}, {@link #active}, {@link #dead}.
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

    /**
     * Stop the actor at once: its running and waiting calls fail with RayoActorException. With
     * {@code noRestart} it is dead for good (later calls fail too); else it restarts if it has restarts left.
     */
    public record Kill(String reason, boolean noRestart) implements Command {
        /** A kill for good. */
        public Kill(String reason) {
            this(reason, true);
        }
    }

    /**
     * The shard's request that a persistent actor stop (its stop message): once the call it runs is done, so
     * that no call it holds back is dropped; the shard keeps later calls for the restarted entity.
     */
    public record Stop() implements Command {
    }

    /**
     * How an entity that got calls but no {@link Create} looks itself up in the actor table.
     *
     * @param restartCheckDelay    how long it waits for a Create before looking
     * @param majorityReadAttempts majority reads that may time out before this node's own copy is used
     * @param spinNanos            how long an actor's idle thread polls for its next call before parking
     *                             ({@code rayo.get.spin-nanos}, 0 on a single CPU)
     */
    public record Timing(Duration restartCheckDelay, int majorityReadAttempts, long spinNanos) {
        /** Timing whose actor threads park at once. */
        public Timing(Duration restartCheckDelay, int majorityReadAttempts) {
            this(restartCheckDelay, majorityReadAttempts, 0);
        }
    }

    /** The inputs of the constructor ({@code callId} null) or of call {@code callId} are resolved. */
    private record InputsReady(String callId, List<StoredValue> values, Throwable failure) implements Command {
    }

    private record Granted(NodeScheduler.ActorGrant grant) implements Command {
    }

    /** Incarnation {@code incarnation}'s constructor returned or threw, on the actor's thread. */
    private record Built(int incarnation, Invocation.Outcome outcome) implements Command {
    }

    /** A call of incarnation {@code incarnation} called {@code Rayo.exitActor()} and returned. */
    private record Exited(int incarnation) implements Command {
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
    /** The active state with no call waiting for its inputs, and with the head call waiting; built once. */
    private Behavior<Command> activeIdle;
    private Behavior<Command> activeAwaitingHead;
    /** The threads of the current incarnation, from its grant until it ends; else null. */
    private ActorExecution execution;
    /** Counts incarnations (restarts after a kill), so a late message of an ended one is ignored. */
    private int incarnation;
    /** Restarts this entity made or was made for (the table's copy may lag behind a restart just counted). */
    private int restarts;
    /** What the constructor threw, kept as the cause of the calls' failures; null otherwise. */
    private Throwable deathCause;
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
                    String failure = ArgumentResolution.failureOf(ready.values(), ready.failure());
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
                    execution = new ActorExecution(spec, allocation.gpuIds(), invocation, listenerOf(incarnation),
                            timing.spinNanos());
                    execution.build(spec, constructorArgs);
                    return building();
                }));
    }

    /** The constructor runs on the actor's thread; calls queue until it returned. */
    private Behavior<Command> building() {
        return alive(Behaviors.receive(Command.class)
                .onMessage(Call.class, call -> {
                    accept(call);
                    return Behaviors.same();
                })
                .onMessage(Built.class, built -> {
                    if (built.incarnation() != incarnation) {
                        return Behaviors.same();
                    }
                    if (built.outcome() instanceof Invocation.Threw threw) {
                        deathCause = threw.error();
                        return die("its constructor threw " + threw.error());
                    }
                    services.liveActors().incrementAndGet();
                    counted = true;
                    table.hostedHere(spec);
                    local.started(actorId, context.getSelf());
                    if (activeIdle == null) {
                        // Built once: a behavior per message would cost every call a builder and its handlers.
                        activeIdle = active(false);
                        activeAwaitingHead = active(true);
                    }
                    return drain();
                }));
    }

    /** Handing calls to the actor's threads; {@code headResolving} while the head call's inputs are resolved. */
    private Behavior<Command> active(boolean headResolving) {
        return alive(Behaviors.receive(Command.class)
                .onMessage(Call.class, call -> accept(call) && !headResolving ? drain() : Behaviors.same())
                .onMessage(InputsReady.class, ready -> {
                    // The head may have been cancelled while its inputs were resolved: then these inputs are its
                    // and nobody's, and the next call resolves its own.
                    TaskSpec head = calls.peek() != null && calls.peek().taskId().equals(ready.callId()) ? calls.poll() : null;
                    if (head != null) {
                        if (ArgumentResolution.anyFailed(ready.values(), ready.failure())) {
                            invocation.fail(head, errorOf(head, ready));
                        } else {
                            execution.run(head, ready.values());
                        }
                    }
                    return drain();
                })
                .onMessage(Exited.class, exited -> {
                    if (exited.incarnation() != incarnation) {
                        return Behaviors.same();
                    }
                    table.markKilled(actorId);
                    return die("it exited (Rayo.exitActor)");
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
                            invocation.failActorCall(call.spec(), message, deathCause);
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
                .onMessage(Kill.class, this::onKill)
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

    /**
     * A kill: ends this incarnation at once. For good when it says so or no restart is left (Ray counts a
     * restart after {@code kill(noRestart=false)} against {@code maxRestarts}); else builds the actor again,
     * and the calls after the kill run on the new instance.
     */
    private Behavior<Command> onKill(Kill kill) {
        int restarts = restartsSoFar();
        if (kill.noRestart() || spec == null || restarts >= spec.maxRestarts()) {
            table.markKilled(actorId);
            String why = kill.noRestart() || spec == null ? kill.reason()
                    : kill.reason() + " and has no restarts left (maxRestarts=" + spec.maxRestarts() + ")";
            return die(why);
        }
        endIncarnation(deathMessage(kill.reason() + "; it restarts"));
        this.restarts = restarts + 1;
        table.countRestart(actorId);
        context.getLog().info("restarting actor {} after a kill (restart {} of {})", actorId, restarts + 1,
                spec.maxRestarts());
        return start(spec);
    }

    private int restartsSoFar() {
        ActorTable.ActorRecord known = table.known(actorId);
        return Math.max(restarts, known == null ? 0 : known.restarts());
    }

    private Behavior<Command> start(ActorSpec created) {
        timers.cancel(RESTART_CHECK);
        incarnation++;
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

    /** Hands queued calls, in order, to the actor's threads until one must wait for its inputs. */
    private Behavior<Command> drain() {
        while (!calls.isEmpty()) {
            TaskSpec head = calls.peek();
            if (!ArgumentResolution.allInline(head.args())) {
                resolve(head.taskId(), head.args());
                return activeAwaitingHead;
            }
            calls.poll();
            List<StoredValue> values = new ArrayList<>(head.args().size());
            head.args().forEach(a -> values.add(((TaskArg.Value) a).value()));
            execution.run(head, values);
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
        restarts = record.restarts() + 1;
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
        if (spec != null && spec.name() != null) {
            directory.release(spec.namespace(), spec.name(), actorId);
        }
        endIncarnation(deathMessage(reason));
    }

    /**
     * Ends the current incarnation: its threads stop taking calls (a running one is interrupted and abandoned),
     * its resources go back, and every call it has not settled, running or queued, fails with {@code message}.
     */
    private void endIncarnation(String message) {
        if (counted) {
            services.liveActors().decrementAndGet();
            counted = false;
        }
        local.stopped(actorId, context.getSelf());
        if (execution != null) {
            execution.close().forEach(call -> invocation.failActorCall(call, message, deathCause));
            execution = null;
        }
        if (allocation != Allocation.NONE) {
            scheduler.tell(new NodeScheduler.ReleaseActor(actorId));
            allocation = Allocation.NONE;
        }
        calls.forEach(call -> invocation.failActorCall(call, message, deathCause));
        calls.clear();
    }

    /** How the threads of incarnation {@code n} report to this entity. */
    private ActorExecution.Listener listenerOf(int n) {
        ActorRef<Command> self = context.getSelf();
        return new ActorExecution.Listener(outcome -> self.tell(new Built(n, outcome)), () -> self.tell(new Exited(n)));
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

    private void resolve(String callId, List<TaskArg> args) {
        ArgumentResolution.resolve(args, services.resolver(), context, (values, failure) -> new InputsReady(callId, values, failure));
    }

    private ErrorPayload errorOf(TaskSpec call, InputsReady ready) {
        return ArgumentResolution.errorOf(call.name(), ready.values(), ready.failure(), services.kryo(), services.nodeId());
    }

    @SuppressWarnings("unchecked")
    private static Class<Replicator.GetResponse<LWWMap<String, ActorTable.ActorRecord>>> tableResponseClass() {
        return (Class<Replicator.GetResponse<LWWMap<String, ActorTable.ActorRecord>>>) (Class<?>) Replicator.GetResponse.class;
    }
}
