package dev.rayo.runtime.actor;

import dev.rayo.runtime.wire.ActorSpec;
import dev.rayo.runtime.wire.Namespaces;
import dev.rayo.runtime.wire.Allocation;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.SnapshotAdapter;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.actor.typed.ActorRef;
import akka.actor.typed.PostStop;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.SignalHandler;
import dev.rayo.api.ActorPersistence;
import dev.rayo.runtime.task.NodeServices;
import dev.rayo.runtime.wire.RayoMessage;
import dev.rayo.runtime.scheduler.NodeScheduler;
import dev.rayo.runtime.task.Invocation;
import dev.rayo.runtime.wire.RecentIds;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.task.TaskContext;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.List;

/**
 * A JOURNAL or CHECKPOINT actor: a Cluster Sharding entity that is an Akka Persistence
 * {@link EventSourcedBehavior}. Every call is written to the journal (with its resolved arguments) before
 * it runs; when the actor's node dies, the entity starts on another node and replays the journal (from the
 * latest snapshot, for CHECKPOINT) on a fresh instance, so its state is what the acknowledged calls made.
 * Methods must be deterministic in the actor's state and arguments, since replay runs them again. Like an
 * in-memory actor, it holds its resources (and GPU ids) from the node's scheduler while it lives here, and
 * decodes under its caller's shipped code; both through the same {@link Invocation}. Replay on recovery runs
 * before the node grants the recovered actor its resources (the replayed calls see no GPU ids); the calls
 * after recovery run with the grant.
 */
public final class PersistentActorHost
        extends EventSourcedBehavior<ActorHost.Command, PersistentActorHost.Event, PersistentActorHost.State> {
    /** The sharding entity type of persistent actors. */
    public static final EntityTypeKey<ActorHost.Command> KEY =
            EntityTypeKey.create(ActorHost.Command.class, "rayo-persistent-actor");

    /** What the journal records. */
    public sealed interface Event extends RayoMessage {
    }

    /**
     * The actor was created.
     *
     * @param spec the actor's spec
     * @param args the constructor's arguments, Kryo-encoded as an {@code Object[]}
     */
    public record Created(ActorSpec spec, byte[] args) implements Event {
    }

    /**
     * A call was accepted and runs next.
     *
     * @param call the call
     * @param args its resolved arguments, Kryo-encoded as an {@code Object[]}
     */
    public record Applied(TaskSpec call, byte[] args) implements Event {
    }

    /** The actor was killed. */
    public record Killed(String reason) implements Event {
    }

    /** The actor's state: its instance (snapshotted with Kryo for CHECKPOINT) and the last call's outcome. */
    public static final class State implements RayoMessage {
        ActorSpec spec;
        Object instance;
        String deathReason;
        /** Calls in the journal, to drop a resent copy of one instead of running it twice. */
        RecentIds applied = new RecentIds();
        /** What the last applied call came to, reported once it is journaled; not part of a snapshot. */
        transient Invocation.Outcome lastOutcome;
    }

    /**
     * A CHECKPOINT actor's state as the snapshot store keeps it: encoded in the actor's own thread when the
     * snapshot is taken, because the store writes asynchronously while later calls keep changing the live
     * instance, and a snapshot holding changes of calls after its sequence number would replay them twice.
     *
     * @param state the {@link State}, Kryo-encoded
     */
    public record Snapshot(byte[] state) implements RayoMessage {
    }

    private record ArgsReady(TaskSpec call, List<StoredValue> values, Throwable failure) implements ActorHost.Command {
    }

    private record CreateArgsReady(ActorSpec spec, List<StoredValue> values, Throwable failure) implements ActorHost.Command {
    }

    /** The scheduler's answer for the resources of a new actor ({@code created}) or one recovered here (null). */
    private record Granted(ActorSpec created, List<StoredValue> constructorArgs, NodeScheduler.ActorGrant grant)
            implements ActorHost.Command {
    }

    private static final String EXITED = "it exited (Rayo.exitActor)";

    private final ActorContext<ActorHost.Command> context;
    private final String actorId;
    private final NodeServices services;
    private final Invocation invocation;
    private final ActorRef<NodeScheduler.Command> scheduler;
    private final int checkpointEvery;
    /** Where a named actor frees its name when it dies. */
    private final ActorDirectory directory;
    /** The entity's shard, asked to passivate the entity for a restart by recovery ({@code kill(false)}). */
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    /** Calls wait, in order, while the creation, the grant or the arguments of the call ahead are pending. */
    private boolean busy;
    /** Why this node can't hold the actor it recovered (null when it can); not journaled. */
    private String unplaceable;
    private Allocation allocation = Allocation.NONE;
    /** A call asked for the actor's end ({@code Rayo.exitActor()}): later calls fail until the end is journaled. */
    private boolean exiting;

    /**
     * The behavior of persistent entity {@code actorId} in {@code shard}; its entity type must use
     * {@link ActorHost.Stop} as stop message.
     */
    public static Behavior<ActorHost.Command> create(String actorId, NodeServices services,
                                                     ActorRef<NodeScheduler.Command> scheduler, int checkpointEvery,
                                                     ActorRef<ClusterSharding.ShardCommand> shard, ActorDirectory directory) {
        return Behaviors.setup(ctx -> new PersistentActorHost(ctx, actorId, services, scheduler, checkpointEvery, shard,
                directory));
    }

    private PersistentActorHost(ActorContext<ActorHost.Command> context, String actorId, NodeServices services,
                                ActorRef<NodeScheduler.Command> scheduler, int checkpointEvery,
                                ActorRef<ClusterSharding.ShardCommand> shard, ActorDirectory directory) {
        super(PersistenceId.of("rayo-actor", actorId));
        this.shard = shard;
        this.context = context;
        this.actorId = actorId;
        this.services = services;
        this.invocation = Invocation.forActors(services);
        this.scheduler = scheduler;
        this.checkpointEvery = checkpointEvery;
        this.directory = directory;
    }

    @Override
    public State emptyState() {
        return new State();
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    if (exiting && state.deathReason == null) {
                        // A replayed call asked to exit, but its end was not journaled before the node stopped.
                        context.getSelf().tell(new ActorHost.Kill(EXITED));
                    }
                    if (state.spec != null && state.deathReason == null) {
                        // Recovered on this node: hold the actor's resources here before taking calls.
                        busy = true;
                        acquire(state.spec, null);
                    }
                })
                .onSignal(PostStop.instance(), state -> release())
                .build();
    }

    @Override
    public CommandHandler<ActorHost.Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(ActorHost.Create.class, this::onCreate)
                .onCommand(CreateArgsReady.class, this::onCreateArgsReady)
                .onCommand(Granted.class, this::onGranted)
                .onCommand(ActorHost.Call.class, this::onCall)
                .onCommand(ArgsReady.class, this::onArgsReady)
                // A persistent actor journals a call before it runs it, so a late call that its caller already
                // failed may still run after a restart; what runs is always in the journal.
                .onCommand(ActorHost.Cancel.class, (state, cancel) -> Effect().none())
                .onCommand(ActorHost.Kill.class, this::onKill)
                .onCommand(ActorHost.Stop.class, (state, stop) -> busy ? Effect().stash() : Effect().stop())
                .build();
    }

    /**
     * A kill for good is journaled, so the actor stays dead after any recovery. A kill with restart
     * ({@code kill(false)}) restarts the actor by recovery: the shard passivates the entity, which stops once
     * its current call is done and starts again, replaying its journal, at the next call.
     */
    private Effect<Event, State> onKill(State state, ActorHost.Kill kill) {
        if (state.deathReason != null) {
            return Effect().none();
        }
        if (kill.noRestart()) {
            return Effect().persist(new Killed(kill.reason())).thenRun(s -> {
                release();
                freeNameIfDead(s);
            }).thenUnstashAll();
        }
        context.getLog().info("restarting persistent actor {} by recovery after a kill", actorId);
        shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
        return Effect().none();
    }

    private Effect<Event, State> onCreate(State state, ActorHost.Create create) {
        if (state.spec != null || busy) {
            return Effect().none();
        }
        busy = true;
        ArgumentResolution.resolve(create.spec().args(), services.resolver(), context,
                (values, failure) -> new CreateArgsReady(create.spec(), values, failure));
        return Effect().none();
    }

    private Effect<Event, State> onCreateArgsReady(State state, CreateArgsReady ready) {
        if (ready.failure() != null) {
            busy = false;
            return Effect().persist(new Created(ready.spec(), null)).thenRun(this::freeNameIfDead).thenUnstashAll();
        }
        acquire(ready.spec(), ready.values());
        return Effect().none();
    }

    private void acquire(ActorSpec spec, List<StoredValue> constructorArgs) {
        scheduler.tell(new NodeScheduler.AcquireForActor(actorId, spec.resources(), context.messageAdapter(
                NodeScheduler.ActorGrant.class, grant -> new Granted(constructorArgs == null ? null : spec, constructorArgs, grant))));
    }

    private Effect<Event, State> onGranted(State state, Granted granted) {
        busy = false;
        if (state.deathReason != null) {
            // Killed while the grant was on its way: give the resources back and build nothing.
            if (granted.grant().allocation() != null) {
                scheduler.tell(new NodeScheduler.ReleaseActor(actorId));
            }
            return Effect().unstashAll();
        }
        if (granted.grant().allocation() == null) {
            String reason = "it can't be placed: " + granted.grant().infeasibleReason();
            if (granted.created() == null) {
                // Recovered on a node that can't hold it: a fact about this node, not about the actor, so it is not
                // journaled; calls fail until the actor is recovered where its resources are.
                unplaceable = reason;
                return Effect().unstashAll();
            }
            return Effect().persist(List.of(new Created(granted.created(), null), new Killed(reason))).thenRun(this::freeNameIfDead)
                    .thenUnstashAll();
        }
        allocation = granted.grant().allocation();
        if (granted.created() == null) {
            return Effect().unstashAll();
        }
        byte[] args;
        try {
            args = invocation.encodeForJournal(granted.created().ownerAddress(), granted.constructorArgs());
        } catch (Throwable e) {
            return Effect().persist(List.of(new Created(granted.created(), null),
                    new Killed("its constructor input can't be read: " + e))).thenRun(s -> {
                        release();
                        freeNameIfDead(s);
                    }).thenUnstashAll();
        }
        return Effect().persist(new Created(granted.created(), args)).thenRun(this::freeNameIfDead).thenUnstashAll();
    }

    private Effect<Event, State> onCall(State state, ActorHost.Call call) {
        TaskSpec spec = call.spec();
        services.results().placed(spec.ownerAddress(), spec.taskId(), services.nodeAddress(), 0);
        if (state.applied.contains(spec.taskId())) {
            // Resent by a caller that missed the acknowledgement: it ran once. Its result went to the owner
            // then, who ignores this; unless it was lost with the node that ran it, which the caller must hear.
            invocation.failActorCall(spec, "call " + spec.name() + " already ran on actor " + actorId
                    + " (it is in the journal); its result was lost with the node that ran it");
            return Effect().none();
        }
        if (state.deathReason != null || exiting) {
            invocation.failActorCall(spec, "actor " + actorId + " is dead: "
                    + (state.deathReason != null ? state.deathReason : EXITED));
            return Effect().none();
        }
        if (unplaceable != null) {
            invocation.failActorCall(spec, "actor " + actorId + " can't run on node " + services.nodeId() + ": " + unplaceable);
            return Effect().none();
        }
        if (busy || state.spec == null) {
            return Effect().stash();
        }
        busy = true;
        ArgumentResolution.resolve(spec.args(), services.resolver(), context,
                (values, failure) -> new ArgsReady(spec, values, failure));
        return Effect().none();
    }

    private Effect<Event, State> onArgsReady(State state, ArgsReady ready) {
        busy = false;
        TaskSpec call = ready.call();
        boolean failedInput = ArgumentResolution.anyFailed(ready.values(), ready.failure());
        byte[] args = null;
        Throwable unreadable = null;
        if (!failedInput) {
            try {
                args = invocation.encodeForJournal(call.ownerAddress(), ready.values());
            } catch (Throwable e) {
                unreadable = e;
            }
        }
        if (failedInput || unreadable != null) {
            invocation.fail(call, unreadable != null ? invocation.errorOf(call.name(), unreadable)
                    : ArgumentResolution.errorOf(call.name(), ready.values(), ready.failure(), services.kryo(), services.nodeId()));
            return Effect().unstashAll();
        }
        return Effect().persist(new Applied(call, args))
                .thenRun(s -> {
                    invocation.complete(call, s.lastOutcome);
                    if (exiting) {
                        context.getSelf().tell(new ActorHost.Kill(EXITED));
                    }
                })
                .thenUnstashAll();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Created.class, (state, e) -> {
                    state.spec = e.spec();
                    if (e.args() == null) {
                        state.deathReason = "its constructor input failed";
                        return state;
                    }
                    Invocation.Outcome built;
                    try {
                        Object[] args = invocation.decodeJournaled(e.spec().ownerAddress(), e.args());
                        built = invocation.invoke(e.spec().ownerAddress(), e.spec().constructor(), null, args, contextOf("create", e.spec()));
                    } catch (Throwable ex) {
                        built = new Invocation.Threw(ex);
                    }
                    if (built instanceof Invocation.Returned returned) {
                        state.instance = returned.value();
                    } else {
                        state.deathReason = "its constructor threw " + ((Invocation.Threw) built).error();
                    }
                    return state;
                })
                .onEvent(Applied.class, (state, e) -> {
                    state.applied.add(e.call().taskId());
                    try {
                        Object[] args = invocation.decodeJournaled(e.call().ownerAddress(), e.args());
                        state.lastOutcome = invocation.invoke(e.call().ownerAddress(), e.call().function(), state.instance,
                                args, contextOf(e.call().taskId(), state.spec));
                    } catch (Throwable ex) {
                        state.lastOutcome = new Invocation.Threw(ex);
                    }
                    return state;
                })
                .onEvent(Killed.class, (state, e) -> {
                    state.deathReason = e.reason();
                    state.instance = null;
                    return state;
                })
                .build();
    }

    @Override
    public boolean shouldSnapshot(State state, Event event, long sequenceNr) {
        return state.spec != null && state.spec.persistence() == ActorPersistence.CHECKPOINT
                && sequenceNr % checkpointEvery == 0;
    }

    @Override
    public SnapshotAdapter<State> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(State state) {
                return new Snapshot(services.kryo().toBytes(state));
            }

            @Override
            public State fromJournal(Object stored) {
                return stored instanceof Snapshot snapshot ? (State) services.kryo().fromBytes(snapshot.state()) : (State) stored;
            }
        };
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Keep two snapshots; events before them are still kept (the journal is the source of truth).
        return RetentionCriteria.snapshotEvery(checkpointEvery, 2);
    }

    /** The context of a call (or the constructor) of the actor {@code spec} describes: in its namespace. */
    private TaskContext contextOf(String taskId, ActorSpec spec) {
        return new TaskContext(taskId, actorId, allocation.gpuIds(), null, spec == null ? Namespaces.DEFAULT : spec.namespace(),
                () -> exiting = true);
    }

    /** A dead actor (killed, or its construction failed) frees its name, as an in-memory actor does. */
    private void freeNameIfDead(State state) {
        if (directory != null && state.deathReason != null && state.spec != null && state.spec.name() != null) {
            directory.release(state.spec.namespace(), state.spec.name(), actorId);
        }
    }

    private void release() {
        if (allocation != Allocation.NONE) {
            scheduler.tell(new NodeScheduler.ReleaseActor(actorId));
            allocation = Allocation.NONE;
        }
    }
}
