package dev.rayo.runtime;

import akka.actor.typed.ActorSystem;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.RayoRuntime;
import dev.rayo.api.RuntimeContext;
import dev.rayo.api.WaitResult;
import dev.rayo.api.exception.RayoException;
import dev.rayo.api.spi.ActorRequest;
import dev.rayo.api.spi.CallRequest;
import dev.rayo.api.spi.CurrentRuntime;
import dev.rayo.runtime.actor.RayoActorHandle;
import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.NodeContext;
import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.node.NodeBootstrap;
import dev.rayo.runtime.node.RayoNode;
import dev.rayo.runtime.ownership.NestedRefs;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.state.ClusterState;
import dev.rayo.runtime.actor.PendingCalls;
import dev.rayo.runtime.task.TaskContext;
import dev.rayo.runtime.transfer.ObjectPuller;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.Namespaces;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.store.ObjectStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link RayoRuntime} of one node on Akka: a thin facade (like Ray Java's {@code AbstractRayRuntime})
 * that checks the runtime is running and hands each call to the part that owns it: objects to the
 * {@link ObjectReader} and the owner's table, tasks to the task submitter, actors to the actor submitter.
 * Everything is built and wired by {@link RayoNode}.
 */
public final class AkkaRayoRuntime implements RayoRuntime, RayoObjectRef.FutureValues {
    private final RayoNode node;
    private final ObjectReader reader;
    private final String driverTaskId = "driver-" + Ids.next();

    private final List<AutoCloseable> addons = new java.util.concurrent.CopyOnWriteArrayList<>();

    private AkkaRayoRuntime(RayoNode node) {
        this.node = node;
        // Before the addons start (the dashboard takes a second) and before anyone is told the runtime exists: work
        // placed on this node as soon as it joined calls Rayo.* and must not find the facade empty. A second
        // runtime in the same JVM leaves the first in place, as before.
        CurrentRuntime.installIfNone(this);
        this.reader = new ObjectReader(node.objects(), node.owners(), node.failures(), node.membership(),
                node.values()::read, node.kryo(), node.system().executionContext(),
                node.settings().tuning().maxReconstructionsPerGet(), node.settings().tuning().maxLostCopyWaits(),
                node.settings().tuning().effectiveGetSpinNanos());
    }

    /** How a runtime started in this JVM takes part in the cluster. */
    public enum Role {
        /** A user's program (Rayo.init): joining a cluster, it offers no CPUs or GPUs unless configured to. */
        DRIVER,
        /** A node started with {@code rayo start}: it offers this machine's resources. */
        NODE
    }

    /** Starts a driver in this JVM: a new one-member cluster, or a member of the cluster at {@code rayo.address}. */
    public static AkkaRayoRuntime start(RayoConfig config) {
        return start(config, Role.DRIVER);
    }

    /**
     * Starts a node in this JVM. It joins {@code rayo.address} when set, else the configured
     * {@code akka.cluster.seed-nodes}, else it forms a new one-member cluster (the embedded default).
     */
    public static AkkaRayoRuntime start(RayoConfig config, Role role) {
        return new AkkaRayoRuntime(NodeBootstrap.start(config, role == Role.DRIVER)).withAddons();
    }

    /** A runtime inside an application's own actor system, which must use the cluster provider. */
    public static AkkaRayoRuntime attach(ActorSystem<?> system) {
        return new AkkaRayoRuntime(NodeBootstrap.attach(system)).withAddons();
    }

    /**
     * Starts every {@link NodeAddon} on the classpath (the dashboard, when rayo-dashboard is there); an addon
     * that fails to start stops this runtime, so a refused configuration (a public dashboard without a token)
     * is an error at start-up, not a node silently without it.
     */
    private AkkaRayoRuntime withAddons() {
        try {
            for (NodeAddon addon : java.util.ServiceLoader.load(NodeAddon.class, AkkaRayoRuntime.class.getClassLoader())) {
                AutoCloseable started = addon.start(this);
                if (started != null) {
                    addons.add(started);
                }
            }
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
        return this;
    }

    // ---------------------------------------------------------------- objects

    @Override
    public <T> ObjectRef<T> put(T value) {
        checkRunning();
        String id = Ids.next();
        StoredValue stored;
        List<NestedRefs.Held> contained;
        // Refs and handles put inside the value are held while the new object lives.
        try (NestedRefs capture = NestedRefs.open()) {
            stored = node.values().write(id, value);
            contained = capture.pinIn(node.objects().counter());
        }
        RayoObjectRef<T> ref = node.objects().create(id);
        node.objects().complete(id, stored, contained);
        return ref;
    }

    @Override
    public <T> T get(ObjectRef<T> ref) {
        checkRunning();
        return reader.get(ref, Long.MAX_VALUE, null);
    }

    @Override
    public <T> T get(ObjectRef<T> ref, Duration timeout) {
        checkRunning();
        return reader.get(ref, deadline(timeout), timeout);
    }

    @Override
    public <T> List<T> get(List<ObjectRef<T>> refs) {
        return get(refs, null);
    }

    @Override
    public <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout) {
        checkRunning();
        return reader.getAll(refs, timeout == null ? Long.MAX_VALUE : deadline(timeout), timeout);
    }

    @Override
    public <T> CompletableFuture<T> futureValue(ObjectRef<T> ref) {
        return reader.future(ref);
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
        checkRunning();
        return reader.wait(refs, numReturns, timeout == null ? Long.MAX_VALUE : deadline(timeout));
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns) {
        checkRunning();
        return reader.wait(refs, numReturns, Long.MAX_VALUE);
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs) {
        checkRunning();
        return reader.wait(refs, refs.size(), Long.MAX_VALUE);
    }

    // ---------------------------------------------------------------- tasks and actors

    @Override
    public List<ObjectRef<Object>> submitTask(CallRequest request) {
        checkRunning();
        return node.tasks().submit(request, currentNamespace());
    }

    @Override
    public <A> ActorHandle<A> createActor(ActorRequest request) {
        checkRunning();
        return node.actors().create(request, currentNamespace());
    }

    @Override
    public List<ObjectRef<Object>> callActor(ActorHandle<?> actor, CallRequest request) {
        checkRunning();
        return node.actors().call(asRayoHandle(actor), request);
    }

    @Override
    public void cancel(ObjectRef<?> ref) {
        checkRunning();
        java.util.Objects.requireNonNull(ref, "ref");
        node.objects().unfinishedTaskOf(ref.id()).ifPresent(node.cancels()::cancel);
    }

    /**
     * Cancels task {@code taskId} knowing only its id, from any member (the dashboard's
     * {@code POST /api/tasks/{id}/cancel}); an id no task has is ignored, so callers check the task table first.
     */
    public void cancelTask(String taskId) {
        checkRunning();
        node.cancels().cancel(java.util.Objects.requireNonNull(taskId, "taskId"));
    }

    @Override
    public void killActor(ActorHandle<?> actor) {
        killActor(actor, true);
    }

    @Override
    public void killActor(ActorHandle<?> actor, boolean noRestart) {
        checkRunning();
        node.actors().kill(asRayoHandle(actor), noRestart);
    }

    /**
     * Kills actor {@code actorId} for good and frees its name, knowing only its id (the dashboard's
     * {@code POST /api/actors/{id}/kill}); an id no actor has is ignored, so callers check the actor table first.
     */
    public void killActor(String actorId) {
        checkRunning();
        node.actors().kill(java.util.Objects.requireNonNull(actorId, "actorId"), true);
    }

    @Override
    public void exitActor() {
        Runnable exit = TaskContext.current().map(TaskContext::exitActor).orElse(null);
        if (exit == null) {
            throw new IllegalStateException("Rayo.exitActor() must be called inside an actor method "
                    + "(this code runs " + TaskContext.current().map(c -> "in task " + c.taskId()).orElse("outside any task")
                    + ")");
        }
        exit.run();
    }

    @Override
    public Runnable wrapRunnable(Runnable body) {
        java.util.Objects.requireNonNull(body, "body");
        TaskContext ctx = TaskContext.current().map(TaskContext::forSpawnedThread).orElse(null);
        return ctx == null ? body : () -> ctx.runUnchecked(body);
    }

    @Override
    public <T> java.util.concurrent.Callable<T> wrapCallable(java.util.concurrent.Callable<T> body) {
        java.util.Objects.requireNonNull(body, "body");
        TaskContext ctx = TaskContext.current().map(TaskContext::forSpawnedThread).orElse(null);
        return ctx == null ? body : () -> ctx.run(body);
    }

    @Override
    public <A> Optional<ActorHandle<A>> getActor(String name) {
        return getActor(name, currentNamespace());
    }

    @Override
    public <A> Optional<ActorHandle<A>> getActor(String name, String namespace) {
        checkRunning();
        if (name == null) {
            throw new IllegalArgumentException("getActor: the actor's name must not be null");
        }
        return node.actors().find(name, Namespaces.checked(namespace));
    }

    /**
     * The namespace of the calling code: the task's or actor's (its submitting driver's, wherever it runs), or
     * this driver's {@code rayo.namespace}.
     */
    private String currentNamespace() {
        return TaskContext.current().map(TaskContext::namespace).orElse(node.settings().namespace());
    }

    private static RayoActorHandle<?> asRayoHandle(ActorHandle<?> actor) {
        if (actor instanceof RayoActorHandle<?> handle) {
            return handle;
        }
        throw new IllegalArgumentException("not a Rayo actor handle: " + actor);
    }

    /**
     * Sends every actor call in flight once more, as a resend after a missed acknowledgement does; tests
     * use it to check that actors drop the copies. Returns how many calls were sent again.
     */
    int sendPendingCallsAgain() {
        List<PendingCalls.Pending> calls = node.pendingCalls().inFlight();
        node.actors().resend(calls);
        return calls.size();
    }

    /** How many actor calls went straight to an actor on this node rather than through sharding. */
    long directActorCalls() {
        return node.actors().directCalls();
    }

    // ---------------------------------------------------------------- context and lifecycle

    @Override
    public RuntimeContext getRuntimeContext() {
        Optional<TaskContext> ctx = TaskContext.current();
        return new NodeContext(node.nodeId(), ctx.map(TaskContext::taskId).orElse(driverTaskId),
                ctx.map(TaskContext::actorId), ctx.map(TaskContext::gpuIds).orElse(List.of()), node.view());
    }

    @Override
    public List<Integer> getGpuIds() {
        return TaskContext.current().map(TaskContext::gpuIds).orElse(List.of());
    }

    /** This node's picture of the cluster's nodes. */
    public ClusterView clusterView() {
        return node.view();
    }

    /** How many tasks this owner ran again because a node died (retries and lineage reconstruction). */
    public long reexecutedTasks() {
        return node.failures().reexecutedTasks();
    }

    /** The node's task event log (submitted / started / finished / failed). */
    public TaskEventLog events() {
        return node.events();
    }

    /**
     * What copies this node's task events to the journal database (its counts of events exported and dropped),
     * or null unless {@code rayo.events.export = jdbc}.
     */
    public dev.rayo.runtime.events.EventExporter eventExporter() {
        return node.eventExporter();
    }

    /** The objects this process owns. */
    public ObjectTable objects() {
        return node.objects();
    }

    /** The host's object store. */
    public ObjectStore store() {
        return node.store();
    }

    /** How many objects this process copied in from other hosts' stores, by path (stream or Akka chunks). */
    public ObjectPuller.Counts transfers() {
        return node.puller().counts();
    }

    /** This node's id ({@code host:port}). */
    public String nodeId() {
        return node.nodeId();
    }

    /** The actor system this runtime runs in. */
    public ActorSystem<?> system() {
        return node.system();
    }

    /** The validated settings. */
    public RayoSettings settings() {
        return node.settings();
    }

    @Override
    public boolean isRunning() {
        return node.isRunning();
    }

    @Override
    public void shutdown() {
        for (AutoCloseable addon : addons) {
            try {
                addon.close();
            } catch (Exception e) {
                // Stopping: an addon that fails to close must not keep the node from stopping.
            }
        }
        addons.clear();
        node.shutdown();
        CurrentRuntime.uninstall(this);
    }

    /** The cluster's state (tasks, actors, objects, nodes, timeline), read from this member. */
    public ClusterState clusterState() {
        return node.state();
    }

    @Override
    public java.nio.file.Path timeline(java.nio.file.Path file) {
        checkRunning();
        String trace;
        try {
            trace = node.state().timeline(0).toCompletableFuture()
                    .get(node.settings().tuning().askTimeout().toMillis() * 4, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RayoException("interrupted while reading the cluster's task events", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new RayoException("the cluster's task events could not be read: " + e, e);
        }
        try {
            java.nio.file.Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            return java.nio.file.Files.writeString(file, trace);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("can't write the timeline to " + file, e);
        }
    }

    private void checkRunning() {
        if (!node.isRunning()) {
            throw new RayoException("this Rayo runtime was shut down");
        }
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
