package dev.rayo.runtime.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorLifetime;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.spi.ActorRequest;
import dev.rayo.api.spi.CallRequest;
import dev.rayo.runtime.cluster.RecentRemovals;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.events.TaskState;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.ownership.ReferenceCounter;
import dev.rayo.runtime.task.ArgumentEncoder;
import dev.rayo.runtime.task.DeclaredRefs;
import dev.rayo.runtime.task.FunctionCodec;
import dev.rayo.runtime.wire.ActorSpec;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.Namespaces;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The caller's side of actors: creates them (placed by {@link ActorPlacement}, named in the
 * {@link ActorDirectory}, recorded in the {@link ActorTable}), sends their calls with the return refs this
 * process owns, tracks each call until the actor acknowledges it ({@link PendingCalls}), resends the ones
 * that may have been swallowed, and kills actors.
 */
public final class ActorSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(ActorSubmitter.class);

    /**
     * What the submitter works with; built by the node's composition root. {@code running} is false once the
     * runtime shut down: an application's actor system may outlive it, and resends must stop with it.
     */
    public record Parts(ActorSystem<?> system, ClusterSharding sharding, ActorDirectory directory, ActorTable table,
                        LocalActors localActors, PendingCalls pendingCalls, ActorPlacement placement,
                        JournalPreparer journal, FunctionCodec functions, ArgumentEncoder arguments,
                        ObjectTable objects, TaskEventLog events, RecentRemovals removals, String nodeId,
                        int defaultMaxRestarts, BooleanSupplier running) {
    }

    private final Parts p;
    private final String selfAddress;
    /** Actors this process killed: later calls to them go the way the kill went, never overtaking it. */
    private final Set<String> killed = ConcurrentHashMap.newKeySet();
    private final AtomicLong directCalls = new AtomicLong();

    /** A submitter over {@code parts}. */
    public ActorSubmitter(Parts parts) {
        this.p = parts;
        this.selfAddress = parts.objects().ownerAddress();
    }

    /** Creates the actor {@code request} describes, in the default namespace, and returns its handle at once. */
    public <A> ActorHandle<A> create(ActorRequest request) {
        return create(request, Namespaces.DEFAULT);
    }

    /**
     * Creates the actor {@code request} describes in {@code namespace} (where its name lives and its code runs)
     * and returns its handle at once; a named actor only once its name is claimed.
     *
     * @throws IllegalArgumentException when a live actor of {@code namespace} has the name already
     */
    public <A> ActorHandle<A> create(ActorRequest request, String namespace) {
        ResourceSet resources = ResourceSet.ofAmounts(request.resources());
        String actorId = NodePinnedAllocation.entityId(p.placement().place(resources), Ids.next());
        String ctorName = FunctionCodec.nameOf(request.constructor());
        String className = ctorName.endsWith(".new") ? ctorName.substring(0, ctorName.length() - 4) : ctorName;
        // Refs nested in a constructor's arguments are held for good: a re-created actor decodes them again.
        byte[] constructor = p.arguments().encodeFunction(request.constructor(), p.functions()).function();
        List<TaskArg> args = p.arguments().encode(request.args(), DeclaredRefs.of(request.constructor()), 0);
        int maxRestarts = request.maxRestarts() < 0 ? p.defaultMaxRestarts() : request.maxRestarts();
        boolean persistent = request.persistence() != ActorPersistence.NONE;
        if (request.maxConcurrency() < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + request.maxConcurrency());
        }
        if (persistent && request.maxConcurrency() > 1) {
            throw new IllegalArgumentException("a " + request.persistence() + " actor runs one call at a time (its journal "
                    + "is its call order): maxConcurrency must be 1, got " + request.maxConcurrency());
        }
        if (request.name() != null) {
            // Before the actor exists anywhere: a creator that loses the name leaves nothing behind.
            p.directory().claim(namespace, request.name(), new ActorDirectory.NamedActor(actorId, className, persistent,
                    request.maxTaskRetries()));
        }
        for (TaskArg arg : args) {
            if (arg instanceof TaskArg.Ref ref) {
                // An actor re-created after its node died resolves its constructor arguments again: keep them.
                RayoObjectRef.of(ref.ref()).escaping();
            }
        }
        ActorLifetime lifetime = request.lifetime() == null ? ActorLifetime.NON_DETACHED : request.lifetime();
        ActorSpec spec = new ActorSpec(actorId, className, request.name(), constructor, args, resources, maxRestarts,
                request.persistence(), selfAddress, namespace, request.maxConcurrency(), lifetime);
        if (persistent) {
            p.journal().ensure();
        }
        // Every actor, journaled or not: shard allocation reads what it needs from the table, so an actor
        // re-homed after its node died only goes to a node that can hold its resources.
        p.table().record(spec);
        if (!spec.countsHandles()) {
            p.sharding().entityRefFor(persistent ? PersistentActorHost.KEY : ActorHost.KEY, actorId).tell(new ActorHost.Create(spec));
            return new RayoActorHandle<>(actorId, className, persistent, request.maxTaskRetries());
        }
        // Ray's actor reference counting: this process owns the actor; once no process holds a handle, it goes.
        ReferenceCounter counter = p.objects().counter();
        RayoActorHandle<?> uncounted = new RayoActorHandle<>(actorId, className, false, request.maxTaskRetries());
        counter.own(RayoActorHandle.key(actorId), () -> destroy(uncounted));
        RayoActorHandle<A> handle = new RayoActorHandle<>(actorId, className, false, request.maxTaskRetries(),
                selfAddress, counter);
        p.sharding().entityRefFor(ActorHost.KEY, actorId).tell(new ActorHost.Create(spec));
        return handle;
    }

    /** No process holds a handle to {@code actor} any more: it is killed for good (Ray destroys it). */
    private void destroy(RayoActorHandle<?> actor) {
        if (!p.running().getAsBoolean()) {
            return;
        }
        LOG.debug("actor {} has no handle left anywhere: destroying it", actor.actorId());
        kill(actor);
    }

    /** Submits a call on {@code actor}; this process owns its results. */
    public List<ObjectRef<Object>> call(RayoActorHandle<?> actor, CallRequest request) {
        if (request.async() && actor.persistent()) {
            throw new IllegalArgumentException("taskAsync is not supported on persistent (JOURNAL/CHECKPOINT) actors: "
                    + "their calls replay from the journal, so a method must return its result, not a CompletionStage");
        }
        String name = request.name() != null ? request.name() : FunctionCodec.nameOf(request.function());
        ArgumentEncoder.Encoded encodedFunction = p.arguments().encodeFunction(request.function(), p.functions());
        byte[] function = encodedFunction.function();
        ArgumentEncoder.Encoded encodedArgs = p.arguments().encodeHeld(request.args(), DeclaredRefs.of(request.function()), 1);
        List<TaskArg> args = encodedArgs.args();
        List<String> returnIds = ArgumentEncoder.newIds(request.numReturns());
        String callId = Ids.next();
        List<ObjectRef<Object>> refs = new ArrayList<>(returnIds.size());
        for (String id : returnIds) {
            refs.add(p.objects().create(id, null, callId));
        }
        TaskSpec spec = new TaskSpec(callId, name, function, args, ResourceSet.EMPTY, returnIds, selfAddress, 0, false, 0,
                Namespaces.DEFAULT, request.async());
        Runnable send = () -> p.sharding().entityRefFor(keyOf(actor), actor.actorId()).tell(new ActorHost.Call(spec));
        String home = NodePinnedAllocation.nodeOf(actor.actorId());
        Runnable cancel = () -> p.sharding().entityRefFor(keyOf(actor), actor.actorId()).tell(new ActorHost.Cancel(callId));
        // Read before this call is tracked: were all earlier calls to the actor acknowledged?
        boolean awaitedBefore = p.pendingCalls().awaitsAcknowledgement(actor.actorId());
        List<CompletableFuture<StoredValue>> results = p.objects().futuresOf(returnIds);
        p.pendingCalls().track(new PendingCalls.Pending(callId, actor.actorId(), home, returnIds, actor.maxTaskRetries(),
                send, cancel), results);
        // Refs and handles nested in the arguments are held until the results arrive; so is the handle called.
        encodedFunction.releaseWhenDone(p.objects().counter(), results);
        encodedArgs.releaseWhenDone(p.objects().counter(), results);
        holdUntilDone(actor, results);
        TaskEvent.Submission submission = TaskEvent.Submission.of(p.nodeId(), spec);
        p.events().submitted(callId, name, 0, submission.waitsForArguments() ? TaskState.PENDING_ARGS
                : TaskState.PENDING_NODE_ASSIGNMENT, p.nodeId(), actor.actorId(), submission);
        ActorRef<ActorHost.Command> local = actor.persistent() || killed.contains(actor.actorId()) ? null
                : p.localActors().find(actor.actorId());
        if (local != null && !awaitedBefore) {
            directCalls.incrementAndGet();
            local.tell(new ActorHost.Call(spec));
            return refs;
        }
        if (p.removals().removedJustNow(home)) {
            // Just after its node was removed, the local shard region may still route to the dead region:
            // send once the coordinator has moved the shard.
            sendLater(send);
        } else {
            send.run();
        }
        return refs;
    }

    /** Kills {@code actor} for good and frees its name. */
    public void kill(RayoActorHandle<?> actor) {
        kill(actor, true);
    }

    /**
     * Kills {@code actor} at once: its running and waiting calls fail. With {@code noRestart} it is dead for good
     * and its name is freed; else it restarts if it has restarts left.
     */
    public void kill(RayoActorHandle<?> actor, boolean noRestart) {
        kill(actor.actorId(), actor.persistent(), noRestart);
    }

    /**
     * Kills actor {@code actorId} knowing only its id (as when its last handle is gone): whether it is persistent
     * comes from the actor table, as this process last heard of it.
     */
    public void kill(String actorId, boolean noRestart) {
        ActorTable.ActorRecord known = p.table().known(actorId);
        kill(actorId, known != null && known.spec().persistence() != ActorPersistence.NONE, noRestart);
    }

    private void kill(String actorId, boolean persistent, boolean noRestart) {
        killed.add(actorId);
        ActorHost.Kill kill = new ActorHost.Kill(noRestart ? "it was killed" : "it was killed (noRestart=false)",
                noRestart);
        ActorRef<ActorHost.Command> local = persistent ? null : p.localActors().find(actorId);
        if (local != null) {
            // The way later calls may take: they must find the actor dead, not overtake the kill.
            local.tell(kill);
        } else {
            p.sharding().entityRefFor(persistent ? PersistentActorHost.KEY : ActorHost.KEY, actorId).tell(kill);
        }
    }

    /** The live actor named {@code name} in the default namespace, found from any node. */
    public <A> Optional<ActorHandle<A>> find(String name) {
        return find(name, Namespaces.DEFAULT);
    }

    /**
     * The live actor named {@code name} in {@code namespace}, found from any node. Its handle counts like any
     * other (a borrowed one, when another process owns the actor) once this node knows the actor's record.
     */
    @SuppressWarnings("unchecked")
    public <A> Optional<ActorHandle<A>> find(String name, String namespace) {
        return p.directory().lookup(namespace, name).map(n -> {
            ActorTable.ActorRecord record = p.table().known(n.actorId());
            String owner = record != null && record.spec().countsHandles() ? record.spec().ownerAddress() : null;
            return (ActorHandle<A>) new RayoActorHandle<A>(n.actorId(), n.className(), n.persistent(), n.maxTaskRetries(),
                    owner, owner == null ? null : p.objects().counter());
        });
    }

    /**
     * Keeps the called actor alive until the call's results arrive, even when the caller drops its handle
     * at once (Ray's submitted-task reference to the actor).
     */
    private static void holdUntilDone(RayoActorHandle<?> actor,
                                      List<CompletableFuture<StoredValue>> results) {
        if (actor.ownerAddress() != null) {
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                    .whenComplete((v, e) -> Reference.reachabilityFence(actor));
        }
    }

    /** Sends {@code calls} again; their actors drop the copies of calls they already have. */
    public void resend(List<PendingCalls.Pending> calls) {
        if (!p.running().getAsBoolean()) {
            return;
        }
        if (!calls.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debug("sending {} unacknowledged actor call(s) again: {}", calls.size(),
                    calls.stream().map(c -> c.callId() + "->" + c.actorId()).toList());
        }
        calls.forEach(call -> call.resend().run());
    }

    /** Runs {@code send} once the shard coordinator has had time to move a removed node's shards. */
    public void sendLater(Runnable send) {
        p.system().scheduler().scheduleOnce(p.removals().grace(), send, p.system().executionContext());
    }

    /** How many actor calls went straight to an actor on this node rather than through sharding. */
    public long directCalls() {
        return directCalls.get();
    }

    private static EntityTypeKey<ActorHost.Command> keyOf(RayoActorHandle<?> actor) {
        return actor.persistent() ? PersistentActorHost.KEY : ActorHost.KEY;
    }
}
