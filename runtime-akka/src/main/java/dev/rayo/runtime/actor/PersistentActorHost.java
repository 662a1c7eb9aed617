package dev.rayo.runtime.actor;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.SnapshotAdapter;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import dev.rayo.api.ActorPersistence;
import dev.rayo.runtime.NodeServices;
import dev.rayo.runtime.RayoMessage;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.ownership.ErrorPayload;
import dev.rayo.runtime.ownership.RecentIds;
import dev.rayo.runtime.ownership.StoredValue;
import dev.rayo.runtime.task.FunctionInvoker;
import dev.rayo.runtime.task.ResultWriter;
import dev.rayo.runtime.task.TaskArg;
import dev.rayo.runtime.task.TaskContext;
import dev.rayo.runtime.task.TaskSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A JOURNAL or CHECKPOINT actor: a Cluster Sharding entity that is an Akka Persistence
 * {@link EventSourcedBehavior}. Every call is written to the journal (with its resolved arguments) before
 * it runs; when the actor's node dies, the entity starts on another node and replays the journal (from the
 * latest snapshot, for CHECKPOINT) on a fresh instance, so its state is what the acknowledged calls made.
 * Methods must be deterministic in the actor's state and arguments, since replay runs them again.
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
        transient Object lastResult;
        transient Throwable lastError;
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

    private final ActorContext<ActorHost.Command> context;
    private final String actorId;
    private final NodeServices services;
    private final int checkpointEvery;
    private boolean resolving;

    /** The behavior of persistent entity {@code actorId}. */
    public static Behavior<ActorHost.Command> create(String actorId, NodeServices services, int checkpointEvery) {
        return Behaviors.setup(ctx -> new PersistentActorHost(ctx, actorId, services, checkpointEvery));
    }

    private PersistentActorHost(ActorContext<ActorHost.Command> context, String actorId, NodeServices services,
                                int checkpointEvery) {
        super(PersistenceId.of("rayo-actor", actorId));
        this.context = context;
        this.actorId = actorId;
        this.services = services;
        this.checkpointEvery = checkpointEvery;
    }

    @Override
    public State emptyState() {
        return new State();
    }

    @Override
    public CommandHandler<ActorHost.Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(ActorHost.Create.class, this::onCreate)
                .onCommand(CreateArgsReady.class, this::onCreateArgsReady)
                .onCommand(ActorHost.Call.class, this::onCall)
                .onCommand(ArgsReady.class, this::onArgsReady)
                // A persistent actor journals a call before it runs it, so a late call that its caller already
                // failed may still run after a restart; what runs is always in the journal.
                .onCommand(ActorHost.Cancel.class, (state, cancel) -> Effect().none())
                .onCommand(ActorHost.Kill.class, (state, kill) -> state.deathReason != null ? Effect().none()
                        : Effect().persist(new Killed(kill.reason())))
                .build();
    }

    private Effect<Event, State> onCreate(State state, ActorHost.Create create) {
        if (state.spec != null || resolving) {
            return Effect().none();
        }
        resolving = true;
        resolve(create.spec().args(), (values, failure) -> new CreateArgsReady(create.spec(), values, failure));
        return Effect().none();
    }

    private Effect<Event, State> onCreateArgsReady(State state, CreateArgsReady ready) {
        resolving = false;
        if (ready.failure() != null) {
            return Effect().persist(new Created(ready.spec(), null)).thenRun(s -> { }).thenUnstashAll();
        }
        return Effect().persist(new Created(ready.spec(), encode(ready.values()))).thenUnstashAll();
    }

    private Effect<Event, State> onCall(State state, ActorHost.Call call) {
        TaskSpec spec = call.spec();
        services.results().placed(spec.ownerAddress(), spec.taskId(), services.nodeAddress(), 0);
        if (state.applied.contains(spec.taskId())) {
            // Resent by a caller that missed the acknowledgement: it ran once. Its result went to the owner
            // then, who ignores this; unless it was lost with the node that ran it, which the caller must hear.
            fail(spec, "call " + spec.name() + " already ran on actor " + actorId + " (it is in the journal);"
                    + " its result was lost with the node that ran it");
            return Effect().none();
        }
        if (state.deathReason != null) {
            fail(call.spec(), "actor " + actorId + " is dead: " + state.deathReason);
            return Effect().none();
        }
        if (resolving || state.spec == null) {
            // Calls wait, in order, for the creation or for the arguments of the call ahead of them.
            return Effect().stash();
        }
        resolving = true;
        resolve(call.spec().args(), (values, failure) -> new ArgsReady(call.spec(), values, failure));
        return Effect().none();
    }

    private Effect<Event, State> onArgsReady(State state, ArgsReady ready) {
        resolving = false;
        StoredValue failed = ready.failure() != null ? null
                : ready.values().stream().filter(v -> v instanceof StoredValue.Failed).findFirst().orElse(null);
        if (ready.failure() != null || failed != null) {
            ErrorPayload error = failed != null ? ((StoredValue.Failed) failed).error()
                    : ErrorPayload.of(ErrorPayload.Kind.SYSTEM, ready.call().name(), services.nodeId(), String.valueOf(ready.failure()));
            StoredValue outcome = new StoredValue.Failed(error);
            ready.call().returnIds().forEach(id -> services.results().report(ready.call().ownerAddress(), id, outcome));
            return Effect().unstashAll();
        }
        TaskSpec call = ready.call();
        return Effect().persist(new Applied(call, encode(ready.values())))
                .thenRun(s -> report(call, s))
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
                    try {
                        Object ctor = services.code().withOwnersCode(e.spec().ownerAddress(),
                                () -> services.functions().decode(e.spec().constructor()));
                        Object[] args = (Object[]) services.code().withOwnersCode(e.spec().ownerAddress(),
                                () -> services.kryo().fromBytes(e.args()));
                        state.instance = new TaskContext("create", actorId, List.of(), null)
                                .run(() -> FunctionInvoker.invoke(ctor, args));
                    } catch (Throwable t) {
                        state.deathReason = "its constructor threw " + t;
                    }
                    return state;
                })
                .onEvent(Applied.class, (state, e) -> {
                    state.applied.add(e.call().taskId());
                    state.lastResult = null;
                    state.lastError = null;
                    try {
                        Object fn = services.code().withOwnersCode(e.call().ownerAddress(),
                                () -> services.functions().decode(e.call().function()));
                        Object[] args = (Object[]) services.kryo().fromBytes(e.args());
                        state.lastResult = new TaskContext(e.call().taskId(), actorId, List.of(), null)
                                .run(() -> FunctionInvoker.invoke(fn, FunctionInvoker.withReceiver(state.instance, args)));
                    } catch (Throwable t) {
                        state.lastError = t;
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

    private void report(TaskSpec call, State state) {
        if (state.lastError != null) {
            StoredValue failed = new StoredValue.Failed(ErrorPayload.ofTaskFailure(call.name(), services.nodeId(),
                    state.lastError, services.kryo()));
            call.returnIds().forEach(id -> services.results().report(call.ownerAddress(), id, failed));
            services.events().record(call.taskId(), call.name(), TaskEvent.Kind.FAILED, services.nodeId(), state.lastError.toString());
        } else {
            ResultWriter.write(call.name(), call.returnIds(), call.ownerAddress(), state.lastResult, services);
            services.events().record(call.taskId(), call.name(), TaskEvent.Kind.FINISHED, services.nodeId(), null);
        }
    }

    private void fail(TaskSpec call, String message) {
        StoredValue failed = new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.ACTOR, call.name(), services.nodeId(), message));
        call.returnIds().forEach(id -> services.results().report(call.ownerAddress(), id, failed));
    }

    private byte[] encode(List<StoredValue> values) {
        Object[] decoded = new Object[values.size()];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = services.values().read(values.get(i));
        }
        return services.kryo().toBytes(decoded);
    }

    private void resolve(List<TaskArg> args,
                         java.util.function.BiFunction<List<StoredValue>, Throwable, ActorHost.Command> done) {
        List<CompletableFuture<StoredValue>> inputs = new ArrayList<>(args.size());
        for (TaskArg arg : args) {
            inputs.add(arg instanceof TaskArg.Ref ref ? services.resolver().resolve(ref.ref())
                    : CompletableFuture.completedFuture(((TaskArg.Value) arg).value()));
        }
        context.pipeToSelf(CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new)), (ok, error) ->
                error != null ? done.apply(null, error.getCause() == null ? error : error.getCause())
                        : done.apply(inputs.stream().map(CompletableFuture::join).toList(), null));
    }
}
