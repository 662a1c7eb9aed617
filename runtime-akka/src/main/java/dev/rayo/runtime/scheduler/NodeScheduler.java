package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ResourceSet;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import dev.rayo.runtime.task.NodeServices;
import dev.rayo.runtime.events.TaskState;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.task.Invocation;
import dev.rayo.runtime.task.TaskLane;
import dev.rayo.runtime.task.TaskRunner;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The node's local scheduler (Ray's raylet): waits for a task's inputs, holds it until its resources are
 * free, then hands it to a lane of its shape ({@link LaneTable}), starting the lane's {@link TaskRunner} on the
 * worker dispatcher when none can take it; tasks spilled to other nodes leave in batches ({@link ForwardBuffer}).
 * Actors acquire their lifetime resources here too. Never blocks: dependency waits are futures piped back to
 * itself.
 *
 * <p>Longer than the ~500 lines a class should have, for a reason: its sealed protocol (a dozen message
 * records, public because runners, hosts and other nodes send them) is declared here, as in Akka's samples;
 * the decisions themselves fill about 400 lines, and the state they share (pool, queue, lanes, running tasks)
 * has one owner, this actor.
 */
public final class NodeScheduler extends AbstractBehavior<NodeScheduler.Command> {
    /** The dispatcher user task code runs on. */
    public static final String WORKER_DISPATCHER = "rayo.worker-dispatcher";

    /** The scheduler's protocol. */
    public sealed interface Command {
    }

    /**
     * Run a task on this node, or on a better one, once its inputs and resources allow.
     *
     * @param hops how many schedulers already passed it on (bounded, so a stale view can't bounce it forever)
     */
    public record Submit(TaskSpec spec, int hops) implements Command, dev.rayo.runtime.wire.RayoMessage {
        /** A task submitted by a caller on this node. */
        public Submit(TaskSpec spec) {
            this(spec, 0);
        }
    }

    /**
     * Several tasks spilled here by one scheduler in one message (see {@link ForwardBuffer}); each is handled
     * as its own {@link Submit}.
     */
    public record SubmitBatch(List<Submit> submits) implements Command, dev.rayo.runtime.wire.RayoMessage {
    }

    /**
     * Cancel task {@code taskId} ({@code Rayo.cancel}, the dashboard). Sent to every node, because the task may
     * wait, run or be on its way anywhere; each node also remembers it, to fail the task if it arrives later.
     */
    public record Cancel(String taskId) implements Command, dev.rayo.runtime.wire.RayoMessage {
    }

    /** A runner finished; {@code retry} is the next attempt to queue, or null. */
    public record TaskDone(String taskId, TaskSpec retry, boolean inputLost) implements Command {
        /** A runner finished; {@code retry} is the next attempt to queue, or null. */
        public TaskDone(String taskId, TaskSpec retry) {
            this(taskId, retry, false);
        }
    }

    /**
     * A task blocked in get/wait and lends its lane's CPUs.
     *
     * @param returned the lane's tasks that had not started, to queue again
     */
    public record Blocked(String taskId, List<TaskLane.Granted> returned) implements Command {
        /** A task blocked with nothing behind it in its lane. */
        public Blocked(String taskId) {
            this(taskId, List.of());
        }
    }

    /** A lane ran its last task; its resources return. */
    public record LaneEnded(TaskLane lane) implements Command {
    }

    /** A blocked task resumed and takes its CPUs back. */
    public record Unblocked(String taskId) implements Command {
    }

    /** An actor asks for the resources it holds while alive. */
    public record AcquireForActor(String actorId, ResourceSet resources, ActorRef<ActorGrant> replyTo) implements Command {
    }

    /** An actor died or was killed: its resources return. */
    public record ReleaseActor(String actorId) implements Command {
    }

    /** Reply to {@link AcquireForActor}: an allocation, or why none can ever be made. */
    public record ActorGrant(Allocation allocation, String infeasibleReason) {
    }

    /** Asks for the node's total and available resources. */
    public record GetResources(ActorRef<ResourceView> replyTo) implements Command {
    }

    /** Stops the scheduler (the runtime is shutting down); answers once it no longer touches the store. */
    public record Stop(ActorRef<Boolean> replyTo) implements Command {
    }

    /** Total and free resources of this node. */
    public record ResourceView(ResourceSet total, ResourceSet available) {
    }

    private record InputsResolved(TaskSpec spec, List<StoredValue> values, Throwable failure) implements Command {
    }

    private record InfeasibleExpired(String id) implements Command {
    }

    private record RecheckInfeasible() implements Command {
    }

    /** Sends the tasks gathered for other nodes since the first of them (queued behind the mailbox's work). */
    private record FlushForwards() implements Command {
    }

    private record PublishLoad() implements Command {
    }

    /** Publishes the pool once for every change made since the last publish (coalesced through the mailbox). */
    private record PublishChanged() implements Command {
    }

    private sealed interface Waiting {
        ResourceSet resources();
    }

    private record WaitingTask(TaskSpec spec, List<StoredValue> args) implements Waiting {
        public ResourceSet resources() {
            return spec.resources();
        }
    }

    private record WaitingActor(AcquireForActor request) implements Waiting {
        public ResourceSet resources() {
            return request.resources();
        }
    }

    /** Tells the scheduler what its task runners report; the runners know only {@link TaskRunner.Listener}. */
    private record RunnerEvents(ActorRef<Command> scheduler) implements TaskRunner.Listener {
        @Override
        public void blocked(String taskId, List<TaskLane.Granted> returned) {
            scheduler.tell(new Blocked(taskId, returned));
        }

        @Override
        public void unblocked(String taskId) {
            scheduler.tell(new Unblocked(taskId));
        }

        @Override
        public void done(String taskId, TaskSpec retry, boolean inputLost) {
            scheduler.tell(new TaskDone(taskId, retry, inputLost));
        }

        @Override
        public void ended(TaskLane lane) {
            scheduler.tell(new LaneEnded(lane));
        }
    }

    private static final DispatcherSelector WORKER_SELECTOR = DispatcherSelector.fromConfig(WORKER_DISPATCHER);

    private record Running(TaskSpec spec, LaneTable.Lane lane) {
    }


    private final int maxHops;
    private final int maxInputWaits;
    private final java.time.Duration infeasibleRecheckInterval;
    private final Map<String, Integer> inputWaits = new HashMap<>();

    private final NodeServices services;
    private final TimerScheduler<Command> timers;
    private final ResourcePool pool;
    private final ClusterPlacement placement;
    private final WaitingQueue<Waiting> waiting = new WaitingQueue<>();
    /** The queue's two callbacks, made once rather than on every dispatch (one per scheduling event). */
    private final java.util.function.Function<ResourceSet, Allocation> acquire;
    private final java.util.function.BiConsumer<Waiting, Allocation> starter = this::start;
    private final Invocation invocation;
    private final RunnerEvents runnerEvents;
    private boolean publishPending;
    private final Map<String, Waiting> infeasible = new HashMap<>();
    private final Map<String, Running> running = new HashMap<>();
    private final Map<String, Allocation> actors = new HashMap<>();
    private final LaneTable lanes = new LaneTable();
    private final int pipelineDepth;
    private final long laneSpinNanos;
    private final long laneLingerNanos;
    private final java.time.Duration publishDelay;
    private final ForwardBuffer forwards = new ForwardBuffer(FORWARD_BATCH_TASKS);
    /** At most this many specs travel in one {@link SubmitBatch}. */
    private static final int FORWARD_BATCH_TASKS = 512;

    /**
     * The scheduler's limits and intervals ({@code rayo.scheduler.*}).
     *
     * @param maxHops                   how many times a task may be passed to another node before it queues here
     * @param maxInputWaits             how many times a task whose input's holder vanished waits before failing
     * @param loadRefreshInterval       how often the node's load is published without a scheduling event
     * @param infeasibleRecheckInterval how often waiting infeasible requests are checked against joined nodes
     * @param pipelineDepth             how many tasks a busy lane may hold that have not finished (1 = a lane
     *                                  gets its next task only once the last one finished)
     * @param laneSpinNanos             how long an idle lane polls for a next task before it parks
     * @param publishDelay              how long after a scheduling event the node's resources are published,
     *                                  so a burst of events makes one publish
     * @param laneLinger                how long an idle lane waits for a next task before it ends
     */
    public record Limits(int maxHops, int maxInputWaits, java.time.Duration loadRefreshInterval,
                         java.time.Duration infeasibleRecheckInterval, int pipelineDepth, long laneSpinNanos,
                         java.time.Duration publishDelay, java.time.Duration laneLinger) {
        /** Limits with no pipelining, no lane spin and publishing after the mailbox's current messages. */
        public Limits(int maxHops, int maxInputWaits, java.time.Duration loadRefreshInterval,
                      java.time.Duration infeasibleRecheckInterval) {
            this(maxHops, maxInputWaits, loadRefreshInterval, infeasibleRecheckInterval, 1, 0, java.time.Duration.ZERO,
                    java.time.Duration.ZERO);
        }
    }

    /** The scheduler of a node offering {@code total}. */
    public static Behavior<Command> create(NodeServices services, ResourceSet total, ClusterPlacement placement,
                                           Limits limits) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new NodeScheduler(ctx, timers, services, total,
                placement, limits)));
    }

    private NodeScheduler(ActorContext<Command> context, TimerScheduler<Command> timers, NodeServices services,
                          ResourceSet total, ClusterPlacement placement, Limits limits) {
        super(context);
        this.maxHops = limits.maxHops();
        this.maxInputWaits = limits.maxInputWaits();
        this.infeasibleRecheckInterval = limits.infeasibleRecheckInterval();
        this.pipelineDepth = Math.max(1, limits.pipelineDepth());
        this.laneSpinNanos = limits.laneSpinNanos();
        this.laneLingerNanos = limits.laneLinger().toNanos();
        this.publishDelay = limits.publishDelay();
        this.timers = timers;
        this.services = services;
        this.pool = new ResourcePool(total);
        this.placement = placement;
        this.invocation = Invocation.forTasks(services);
        this.acquire = pool::tryAcquire;
        this.runnerEvents = new RunnerEvents(context.getSelf());
        placement.publish(pool);
        // Store use and actor counts change without scheduling events: report them regularly too.
        timers.startTimerWithFixedDelay("publish-load", new PublishLoad(), limits.loadRefreshInterval());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(SubmitBatch.class, this::onSubmitBatch)
                .onMessage(FlushForwards.class, f -> {
                    forwards.flush(placement::forwardAll);
                    return this;
                })
                .onMessage(InputsResolved.class, this::onInputsResolved)
                .onMessage(TaskDone.class, this::onTaskDone)
                .onMessage(Cancel.class, this::onCancel)
                .onMessage(Blocked.class, this::onBlocked)
                .onMessage(Unblocked.class, this::onUnblocked)
                .onMessage(LaneEnded.class, this::onLaneEnded)
                .onMessage(AcquireForActor.class, this::onAcquireForActor)
                .onMessage(ReleaseActor.class, this::onReleaseActor)
                .onMessage(GetResources.class, this::onGetResources)
                .onMessage(InfeasibleExpired.class, this::onInfeasibleExpired)
                .onMessage(RecheckInfeasible.class, this::onRecheckInfeasible)
                .onMessage(Stop.class, stop -> {
                    lanes.endAll();
                    forwards.flush(placement::forwardAll);
                    stop.replyTo().tell(true);
                    return Behaviors.stopped();
                })
                .onMessage(PublishLoad.class, p -> {
                    placement.publish(pool);
                    return this;
                })
                .onMessage(PublishChanged.class, p -> {
                    publishPending = false;
                    placement.publish(pool);
                    return this;
                })
                .build();
    }

    private Behavior<Command> onSubmit(Submit submit) {
        TaskSpec spec = submit.spec();
        if (services.cancelled().isCancelled(spec.taskId())) {
            inputWaits.remove(spec.taskId()); // it may have been backing off for a lost input
            failTask(spec, invocation.cancelledError(spec)); // cancelled on its way here, or before a retry
            return this;
        }
        boolean roomHere = waiting.isEmpty() && (spec.resources().fitsIn(pool.available()) || lanes.withRoom(spec.resources(), 1) != null);
        String target = submit.hops() >= maxHops ? null
                : placement.choose(spec, pool.isFeasible(spec.resources()), roomHere);
        if (target != null) {
            if (getContext().getLog().isDebugEnabled()) {
                getContext().getLog().debug("spilling task {} ({}) to {}", spec.name(), spec.taskId(), target);
            }
            services.results().placed(spec.ownerAddress(), spec.taskId(), target, submit.hops() + 1);
            if (forwards.add(target, new Submit(spec, submit.hops() + 1), placement::forwardAll)) {
                getContext().getSelf().tell(new FlushForwards());
            }
            return this;
        }
        // The owner must know where its task is, to submit it again if this node dies. A task spilled here
        // was already reported here, with these hops, by the scheduler that spilled it: no second message.
        if (submit.hops() == 0) {
            services.results().placed(spec.ownerAddress(), spec.taskId(), placement.selfAddress(), submit.hops());
        }
        if (!pool.isFeasible(spec.resources())) {
            holdInfeasible(spec.taskId(), new WaitingTask(spec, List.of()));
            return this;
        }
        List<CompletableFuture<StoredValue>> inputs = new java.util.ArrayList<>(spec.args().size());
        boolean allDone = true;
        for (TaskArg arg : spec.args()) {
            CompletableFuture<StoredValue> f = arg instanceof TaskArg.Ref ref
                    ? services.resolver().resolve(ref.ref())
                    : CompletableFuture.completedFuture(((TaskArg.Value) arg).value());
            allDone &= f.isDone();
            inputs.add(f);
        }
        if (allDone) {
            onInputsResolved(collect(spec, inputs));
        } else {
            getContext().pipeToSelf(CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new)),
                    (ok, error) -> {
                        services.events().state(spec.taskId(), spec.name(), spec.attempt(),
                                TaskState.PENDING_NODE_ASSIGNMENT, services.nodeId(), null);
                        return collect(spec, inputs);
                    });
        }
        return this;
    }

    private Behavior<Command> onSubmitBatch(SubmitBatch batch) {
        for (Submit submit : batch.submits()) {
            onSubmit(submit);
        }
        return this;
    }

    private static InputsResolved collect(TaskSpec spec, List<CompletableFuture<StoredValue>> inputs) {
        List<StoredValue> values = new java.util.ArrayList<>(inputs.size());
        for (CompletableFuture<StoredValue> f : inputs) {
            try {
                values.add(f.join());
            } catch (RuntimeException e) {
                return new InputsResolved(spec, null, e.getCause() == null ? e : e.getCause());
            }
        }
        return new InputsResolved(spec, values, null);
    }

    private Behavior<Command> onInputsResolved(InputsResolved resolved) {
        TaskSpec spec = resolved.spec();
        if (services.cancelled().isCancelled(spec.taskId())) {
            failTask(spec, invocation.cancelledError(spec)); // cancelled while it waited for its inputs
            return this;
        }
        ErrorPayload failedInput = null;
        if (resolved.failure() != null) {
            failedInput = resolved.failure() instanceof RuntimeException re
                    ? ErrorPayload.ofRuntimeError(spec.name(), services.nodeId(), re, services.kryo())
                    : ErrorPayload.of(ErrorPayload.Kind.SYSTEM, spec.name(), services.nodeId(), resolved.failure().toString());
        } else {
            for (StoredValue v : resolved.values()) {
                if (v instanceof StoredValue.Failed failed) {
                    failedInput = failed.error();
                    break;
                }
            }
        }
        if (failedInput != null) {
            // A task whose input failed fails with the same cause, without running.
            failTask(spec, failedInput);
            return this;
        }
        enqueue(new WaitingTask(spec, resolved.values()));
        dispatch();
        return this;
    }

    /**
     * Records the cancel for the runners (a lane skips the task, or its thread is interrupted) and fails the task
     * at once if it waits here for resources, so a cancelled task never holds a place in the queue.
     */
    private Behavior<Command> onCancel(Cancel cancel) {
        String taskId = cancel.taskId();
        services.cancelled().cancel(taskId);
        List<Waiting> dropped = new ArrayList<>(waiting.removeIf(w -> w instanceof WaitingTask t
                && t.spec().taskId().equals(taskId)));
        if (infeasible.get(taskId) instanceof WaitingTask held) {
            infeasible.remove(taskId);
            timers.cancel(taskId);
            dropped.add(held);
        }
        for (Waiting w : dropped) {
            if (w instanceof WaitingTask t) {
                failTask(t.spec(), invocation.cancelledError(t.spec()));
            }
        }
        if (!dropped.isEmpty()) {
            dispatch(); // what waited behind it may start now, and the node's load changed
        }
        // offered to a busy lane (pipelining) but not started: out of the lane, so it does not wait behind the
        // lane's running task; the lane's count drops as if it had run
        Running offered = running.get(taskId);
        if (offered != null && offered.lane().lane.removeUnstarted(taskId)) {
            failTask(offered.spec(), invocation.cancelledError(offered.spec()));
            onTaskDone(new TaskDone(taskId, null));
        }
        return this;
    }

    private Behavior<Command> onTaskDone(TaskDone done) {
        Running r = running.remove(done.taskId());
        if (r != null && --r.lane().inFlight == 0 && waiting.isEmpty() && !overCommitted()) {
            stealFor(r.lane());
        }
        if (done.inputLost()) {
            waitForLostInput(done.retry());
        } else if (done.retry() != null) {
            inputWaits.remove(done.taskId());
            getContext().getSelf().tell(new Submit(done.retry()));
        } else {
            inputWaits.remove(done.taskId());
        }
        dispatch();
        return this;
    }

    /**
     * An input's only copy went with a dead node: its owner will make it again from lineage once the node
     * is declared dead, so run the task again later, backing off, instead of failing it.
     */
    private void waitForLostInput(TaskSpec spec) {
        int waits = inputWaits.merge(spec.taskId(), 1, Integer::sum);
        if (waits > maxInputWaits) {
            inputWaits.remove(spec.taskId());
            failTask(spec, ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, spec.name(), services.nodeId(),
                    "an input of " + spec.name() + " stayed lost after " + maxInputWaits + " tries"));
            return;
        }
        timers.startSingleTimer("input-" + spec.taskId(), new Submit(spec),
                java.time.Duration.ofMillis(Math.min(5000, 500L * waits)));
    }

    private Behavior<Command> onBlocked(Blocked blocked) {
        Running r = running.get(blocked.taskId());
        if (r != null) {
            LaneTable.Lane lane = r.lane();
            lane.blocked = true;
            if (!blocked.returned().isEmpty()) {
                List<Waiting> back = new ArrayList<>(blocked.returned().size());
                for (TaskLane.Granted g : blocked.returned()) {
                    running.remove(g.spec().taskId());
                    back.add(new WaitingTask(g.spec(), g.args()));
                }
                lane.inFlight -= back.size();
                waiting.addFirst(back, lane.shape);
            }
            pool.lendCpus(lane.lane.allocation().resources().only(ResourceSet.CPU));
            dispatch();
        }
        return this;
    }

    private Behavior<Command> onUnblocked(Unblocked unblocked) {
        Running r = running.get(unblocked.taskId());
        if (r != null) {
            r.lane().blocked = false;
            pool.reclaimCpus(r.lane().lane.allocation().resources().only(ResourceSet.CPU));
            publishSoon();
        }
        return this;
    }

    private Behavior<Command> onLaneEnded(LaneEnded ended) {
        LaneTable.Lane lane = lanes.ended(ended.lane());
        if (lane != null) {
            pool.release(lane.lane.allocation());
            dispatch();
        }
        return this;
    }

    private Behavior<Command> onAcquireForActor(AcquireForActor request) {
        if (!pool.isFeasible(request.resources())) {
            holdInfeasible(request.actorId(), new WaitingActor(request));
            return this;
        }
        enqueue(new WaitingActor(request));
        dispatch();
        return this;
    }

    private Behavior<Command> onReleaseActor(ReleaseActor release) {
        Allocation a = actors.remove(release.actorId());
        if (a != null) {
            pool.release(a);
            dispatch();
        }
        return this;
    }

    private Behavior<Command> onGetResources(GetResources get) {
        get.replyTo().tell(new ResourceView(pool.total(), pool.available()));
        return this;
    }

    private void holdInfeasible(String id, Waiting waiting) {
        if (services.infeasibleTimeout().isZero()) {
            failInfeasible(waiting);
            return;
        }
        getContext().getLog().warn("{} needs {} but no node offers that (the nodes offer {}); waiting {} for one to join",
                id, waiting.resources(), placement.describeTotals(), services.infeasibleTimeout());
        infeasible.put(id, waiting);
        timers.startSingleTimer(id, new InfeasibleExpired(id), services.infeasibleTimeout());
        if (!timers.isTimerActive("recheck-infeasible")) {
            timers.startTimerWithFixedDelay("recheck-infeasible", new RecheckInfeasible(), infeasibleRecheckInterval);
        }
    }

    private Behavior<Command> onInfeasibleExpired(InfeasibleExpired expired) {
        Waiting w = infeasible.remove(expired.id());
        if (w != null) {
            failInfeasible(w);
        }
        return this;
    }

    private Behavior<Command> onRecheckInfeasible(RecheckInfeasible recheck) {
        for (Iterator<Map.Entry<String, Waiting>> it = infeasible.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Waiting> e = it.next();
            // A task can go to any node that can hold it; an actor's shard is pinned to this node, so only this
            // node's own resources can ever satisfy it.
            boolean feasible = e.getValue() instanceof WaitingActor ? pool.isFeasible(e.getValue().resources())
                    : placement.anyFeasible(e.getValue().resources());
            if (feasible) {
                it.remove();
                timers.cancel(e.getKey());
                // A node that can take it joined: place it again.
                if (e.getValue() instanceof WaitingTask t) {
                    getContext().getSelf().tell(new Submit(t.spec()));
                } else if (e.getValue() instanceof WaitingActor a) {
                    getContext().getSelf().tell(a.request());
                }
            }
        }
        return this;
    }

    private void failInfeasible(Waiting waiting) {
        String reason = "the request " + waiting.resources() + " can't be satisfied by any node: the nodes offer "
                + placement.describeTotals() + " (rayo.scheduler.infeasible-timeout=" + services.infeasibleTimeout() + ")";
        if (waiting instanceof WaitingTask t) {
            failTask(t.spec(), ErrorPayload.of(ErrorPayload.Kind.SYSTEM, t.spec().name(), services.nodeId(),
                    "task " + t.spec().name() + " is infeasible: " + reason));
        } else if (waiting instanceof WaitingActor a) {
            a.request().replyTo().tell(new ActorGrant(null, reason));
        }
    }

    private void failTask(TaskSpec spec, ErrorPayload error) {
        services.events().state(spec.taskId(), spec.name(), spec.attempt(), TaskState.FAILED, services.nodeId(),
                error.causeClassName() == null ? error.message() : error.causeClassName() + ": " + error.message());
        invocation.fail(spec, error);
    }

    private void dispatch() {
        try {
            endIdleLanesWhileOverCommitted();
            feedLanes(true);
            dispatchWaiting();
            endIdleLanesInTheWay();
            // Only a node whose resources are all held by busy lanes pipelines: while some come back (a lane
            // ending), the waiting tasks get lanes of their own, so tasks that wait for each other all run.
            if (pipelineDepth > 1 && !lanes.anyEnding()) {
                feedLanes(false);
            }
        } finally {
            publishSoon();
        }
    }

    /**
     * Hands the oldest waiting tasks to open lanes of their shape: with {@code idleOnly}, only to lanes whose
     * tasks all finished (their resources are held and idle); else to any unblocked lane holding fewer than
     * {@code pipelineDepth} unfinished tasks, the emptiest first. Only the oldest waiting entry is ever taken,
     * so a request that waits for resources (a bigger task, an actor) is not overtaken by a stream of small
     * tasks keeping every lane busy: once it is the oldest, lanes get nothing more, end and free what it needs.
     */
    private void feedLanes(boolean idleOnly) {
        int limit = idleOnly ? 1 : pipelineDepth;
        while (waiting.peekOldest() instanceof WaitingTask t) {
            LaneTable.Lane best = lanes.withRoom(t.resources(), limit);
            if (best == null) {
                return;
            }
            if (!best.lane.offer(new TaskLane.Granted(t.spec(), t.args()))) {
                if (best.lane.hasEnded()) {
                    // It ended on its own; its LaneEnded message, already on the way, returns its resources.
                    lanes.forget(best);
                } else {
                    // Its task just blocked; its Blocked message is on the way.
                    best.blocked = true;
                }
                continue;
            }
            waiting.removeOldest();
            best.inFlight++;
            running.put(t.spec().taskId(), new Running(t.spec(), best));
        }
    }

    /** Whether the lanes hold more CPUs than the node has, counting those of lanes already ending as returned. */
    private boolean overCommitted() {
        return pool.available().get(ResourceSet.CPU) + lanes.endingCpuUnits() < 0;
    }

    /** Moves a task queued behind another lane's running task to {@code idle}, a lane of the same shape. */
    private void stealFor(LaneTable.Lane idle) {
        LaneTable.Lane busy = lanes.withQueued(idle.shape, idle);
        TaskLane.Granted g = busy == null ? null : busy.lane.stealLast();
        if (g == null) {
            return;
        }
        busy.inFlight--;
        if (idle.lane.offer(g)) {
            idle.inFlight++;
            running.put(g.spec().taskId(), new Running(g.spec(), idle));
        } else {
            // The idle lane ended or blocked meanwhile: the task waits first in line for the next lane.
            running.remove(g.spec().taskId());
            waiting.addFirst(List.of(new WaitingTask(g.spec(), g.args())), idle.shape);
        }
    }

    /**
     * When the oldest waiting request still can't start, ends the idle lanes of other shapes: their resources,
     * held only in case another task of their shape comes, are what it waits for.
     */
    private void endIdleLanesInTheWay() {
        Waiting oldest = waiting.peekOldest();
        if (oldest == null || lanes.isEmpty()) {
            return;
        }
        for (LaneTable.Lane l : lanes.idleExcept(oldest instanceof WaitingTask ? oldest.resources() : null)) {
            end(l);
        }
    }

    /**
     * Blocked tasks that resumed took their CPUs back past capacity: idle lanes holding CPUs then end and give them
     * back, rather than keep them for the next task, or the node would run more than it has.
     */
    private void endIdleLanesWhileOverCommitted() {
        if (!overCommitted()) {
            return;
        }
        for (LaneTable.Lane l : lanes.idleExcept(null)) {
            if (l.lane.allocation().resources().get(ResourceSet.CPU) > 0) {
                end(l);
                if (!overCommitted()) {
                    return;
                }
            }
        }
    }

    /** Ends an idle lane now: it takes nothing more, and its LaneEnded message returns the resources. */
    private void end(LaneTable.Lane l) {
        l.lane.tryEnd();
        lanes.forget(l);
    }

    /**
     * Publishes the pool after {@code publishDelay} (zero: after the messages already in the mailbox): a burst
     * of submissions and completions makes one publish instead of one per event.
     */
    private void publishSoon() {
        if (!publishPending) {
            publishPending = true;
            if (publishDelay.isZero()) {
                getContext().getSelf().tell(new PublishChanged());
            } else {
                timers.startSingleTimer("publish-changed", new PublishChanged(), publishDelay);
            }
        }
    }

    private void enqueue(Waiting w) {
        waiting.add(w, w.resources());
    }

    private void dispatchWaiting() {
        waiting.grant(acquire, starter);
    }

    private void start(Waiting w, Allocation allocation) {
        if (w instanceof WaitingTask t) {
            TaskLane taskLane = new TaskLane(allocation, new TaskLane.Granted(t.spec(), t.args()));
            running.put(t.spec().taskId(), new Running(t.spec(), lanes.open(taskLane, t.resources())));
            getContext().spawnAnonymous(TaskRunner.create(taskLane, laneSpinNanos, laneLingerNanos, invocation, runnerEvents),
                    WORKER_SELECTOR);
        } else if (w instanceof WaitingActor a) {
            actors.put(a.request().actorId(), allocation);
            a.request().replyTo().tell(new ActorGrant(allocation, null));
        }
    }
}
