package dev.rayo.runtime;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.typed.ClusterShardingSettings;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.RayoRuntime;
import dev.rayo.api.RuntimeContext;
import dev.rayo.api.WaitResult;
import dev.rayo.api.exception.RayoException;
import dev.rayo.api.exception.RayoTimeoutException;
import dev.rayo.api.spi.ActorRequest;
import dev.rayo.api.spi.CallRequest;
import dev.rayo.runtime.actor.ActorDirectory;
import dev.rayo.runtime.actor.ActorHost;
import dev.rayo.runtime.actor.ActorSpec;
import dev.rayo.runtime.actor.ActorTable;
import dev.rayo.runtime.actor.LocalActors;
import dev.rayo.runtime.actor.PersistentActorHost;
import dev.rayo.api.ActorPersistence;
import dev.rayo.runtime.actor.RayoActorHandle;
import dev.rayo.runtime.config.ConfigLoader;
import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.runtime.code.CodeFetcher;
import dev.rayo.runtime.code.CodeServer;
import dev.rayo.runtime.code.ShippedCode;
import java.nio.file.Path;
import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.HostIdentity;
import dev.rayo.runtime.cluster.NodeDirectory;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.actor.NodePinnedAllocation;
import dev.rayo.runtime.ownership.ObjectResolver;
import dev.rayo.runtime.ownership.ResultSink;
import dev.rayo.runtime.ownership.TaskTracker;
import dev.rayo.runtime.recovery.MembershipWatcher;
import dev.rayo.runtime.recovery.PendingCalls;
import dev.rayo.runtime.recovery.PendingFetches;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.scheduler.ClusterPlacement;
import dev.rayo.runtime.transfer.ObjectPuller;
import dev.rayo.runtime.transfer.TransferEndpoint;
import akka.cluster.sharding.typed.ShardingEnvelope;
import akka.cluster.sharding.typed.ShardingMessageExtractor;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.ownership.ErrorPayload;
import dev.rayo.runtime.ownership.Ids;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.OwnerEndpoint;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.ownership.StoredValue;
import dev.rayo.runtime.scheduler.NodeScheduler;
import dev.rayo.runtime.scheduler.ResourceSet;
import dev.rayo.runtime.serialization.KryoPool;
import dev.rayo.runtime.serialization.RayoKryo;
import dev.rayo.runtime.store.ObjectStoreFactory;
import dev.rayo.runtime.store.ValueStore;
import dev.rayo.runtime.task.Blocking;
import dev.rayo.runtime.task.FunctionCodec;
import dev.rayo.runtime.task.TaskArg;
import dev.rayo.runtime.task.TaskContext;
import dev.rayo.runtime.task.TaskSpec;
import dev.rayo.store.ObjectStore;


import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Rayo runtime of one node on Akka: the owner of the objects its callers create, the front of the
 * node's scheduler, and the host of its share of the actor entities. One instance per actor system.
 */
public final class AkkaRayoRuntime implements RayoRuntime, RayoObjectRef.FutureValues {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OWNER_FETCH_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_RECONSTRUCTIONS_PER_GET = 3;
    /** How often a get asks a live owner again for an object whose holder vanished (about a minute in all). */
    private static final int MAX_BORROWED_WAITS = 40;
    private static final Duration RESEND_DELAY = Duration.ofSeconds(5);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AkkaRayoRuntime.class);
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(100);

    private final ActorSystem<?> system;
    private final boolean ownsSystem;
    private final RayoSettings settings;
    private final String selfAddress;
    private final String nodeId;
    private final String driverTaskId = "driver-" + Ids.next();
    private final KryoPool kryo;
    private final ObjectStore store;
    private final ValueStore values;
    private final ObjectTable objects;
    private final FunctionCodec functions;
    private final TaskEventLog events;
    private final NodeServices services;
    private final ActorRef<NodeScheduler.Command> scheduler;
    private final ClusterSharding sharding;
    private final ActorDirectory directory;
    private final ActorTable actorTable;
    private final ActorRefResolver refResolver;
    private final ClusterView view;
    private final TaskTracker<TaskSpec> tracker = new TaskTracker<>();
    private final PendingCalls pendingCalls;
    /** Actors this process killed: later calls to them go the way the kill went, never overtaking it. */
    private final java.util.Set<String> killedActors = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final LocalActors localActors = new LocalActors();
    private final AtomicLong directCalls = new AtomicLong();
    private final ActorRef<TransferEndpoint.Command> transfers;
    private final PendingFetches<StoredValue> pendingFetches = new PendingFetches<>();
    private final AtomicLong reexecuted = new AtomicLong();
    /** When each removed node was removed (nanoTime), to hold back calls to its actors for a moment. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> recentlyRemoved = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;

    private AkkaRayoRuntime(ActorSystem<?> system, boolean ownsSystem, RayoSettings settings) {
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.settings = settings;
        Address self = Cluster.get(system).selfMember().address();
        this.selfAddress = self.toString();
        this.nodeId = self.host().getOrElse(() -> "local") + ":" + self.port().getOrElse(() -> 0);
        this.kryo = RayoKryo.pool(Adapter.toClassic(system));
        this.store = ObjectStoreFactory.open(settings);
        this.refResolver = ActorRefResolver.get(system);
        ObjectPuller puller = new ObjectPuller(system, store, settings.transferChunkBytes(), settings.transferWindow(), ASK_TIMEOUT);
        this.values = new ValueStore(kryo, store, settings.inlineThreshold(), selfAddress, inStore -> {
            if (!isReachableMember(inStore.nodeAddress())) {
                throw new ObjectLostException("object " + inStore.objectId() + " is lost: node " + inStore.nodeAddress()
                        + " that held it is gone");
            }
            puller.pull(inStore);
        }, (node, objectId) -> transferEndpoint(node).tell(new TransferEndpoint.Delete(objectId)));
        this.pendingCalls = new PendingCalls(settings.callResendAfter());
        this.objects = new ObjectTable(selfAddress, values::free, settings.maxLineage());
        objects.reconstructWith((id, deadNode) -> reconstruct(id, deadNode, new java.util.HashSet<>()));
        this.functions = new FunctionCodec(kryo);
        this.events = new TaskEventLog(settings.eventCapacity());
        ObjectResolver resolver = new ObjectResolver() {
            @Override
            public CompletableFuture<StoredValue> resolve(RayoObjectRef<?> ref) {
                return AkkaRayoRuntime.this.resolve(ref);
            }

            @Override
            public StoredValue peek(RayoObjectRef<?> ref) {
                if (!ref.ownerAddress().equals(selfAddress)) {
                    return null;
                }
                CompletableFuture<StoredValue> f = objects.lookup(ref.id());
                return f == null ? null : f.getNow(null);
            }
        };
        ShippedCode shipped = new ShippedCode(Path.of(System.getProperty("java.io.tmpdir"),
                "rayo-code-" + ProcessHandle.current().pid()));
        settings.codePath().forEach(shipped::add);
        CodeFetcher code = new CodeFetcher(system, shipped, RayoKryo.loader(Adapter.toClassic(system)), kryo.allowList(), nodeId);
        ResultSink results = new ResultSink() {
            @Override
            public void report(String ownerAddress, String objectId, StoredValue value) {
                AkkaRayoRuntime.this.report(ownerAddress, objectId, value);
            }

            @Override
            public void placed(String ownerAddress, String taskId, String nodeAddress, int hops) {
                if (ownerAddress.equals(selfAddress)) {
                    AkkaRayoRuntime.this.placed(taskId, nodeAddress, hops);
                } else {
                    ownerEndpoint(ownerAddress).tell(new OwnerEndpoint.TaskPlaced(taskId, nodeAddress, hops));
                }
            }
        };
        this.services = new NodeServices(nodeId, selfAddress, kryo, functions, values, resolver, results, events,
                settings.infeasibleTimeout(), new java.util.concurrent.atomic.AtomicInteger(), code);
        this.view = new ClusterView(selfAddress);
        ActorRef<NodeDirectory.Command> nodeDirectory = system.systemActorOf(
                NodeDirectory.create(view, PUBLISH_INTERVAL), "rayo-nodes", Props.empty());
        NodeInfo selfInfo = new NodeInfo(selfAddress, nodeId, HostIdentity.hostKey(),
                settings.effectiveStoreDirectory().toAbsolutePath().toString(), ResourceSet.EMPTY, ResourceSet.EMPTY,
                Cluster.get(system).selfMember().getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList(),
                NodeInfo.NodeLoad.NONE, 0);
        ClusterPlacement placement = new ClusterPlacement(view, selfInfo, nodeDirectory,
                address -> refResolver.resolveActorRef(address + "/system/rayo-scheduler"), resolver,
                () -> running ? new NodeInfo.NodeLoad(store.usedBytes(), store.capacityBytes(), objects.size(),
                        services.liveActors().get()) : NodeInfo.NodeLoad.NONE);
        // A bug in one message must not lose the queue of every task waiting here: resume, keeping state.
        this.scheduler = system.systemActorOf(Behaviors.supervise(NodeScheduler.create(services, nodeResources(settings), placement))
                .onFailure(SupervisorStrategy.resume()), "rayo-scheduler",
                DispatcherSelector.fromConfig("rayo.scheduler-dispatcher"));
        system.systemActorOf(OwnerEndpoint.create(objects, this::placed, nodeId), OwnerEndpoint.NAME, Props.empty());
        system.scheduler().scheduleWithFixedDelay(Duration.ofSeconds(1), Duration.ofSeconds(1),
                () -> resend(pendingCalls.dueForResend(System.nanoTime())), system.executionContext());
        system.systemActorOf(MembershipWatcher.create(this::onNodeRemoved), "rayo-membership", Props.empty());
        system.systemActorOf(CodeServer.create(shipped), CodeServer.NAME, DispatcherSelector.fromConfig("rayo.store-dispatcher"));
        this.transfers = system.systemActorOf(TransferEndpoint.create(store, values::deleteOwned, this::transferEndpoint), TransferEndpoint.NAME,
                DispatcherSelector.fromConfig("rayo.store-dispatcher"));
        this.directory = new ActorDirectory(system);
        this.sharding = ClusterSharding.get(system);
        this.actorTable = new ActorTable(system);
        ShardingMessageExtractor<ShardingEnvelope<ActorHost.Command>, ActorHost.Command> extractor =
                new ShardingMessageExtractor<>() {
                    @Override
                    public String entityId(ShardingEnvelope<ActorHost.Command> envelope) {
                        return envelope.entityId();
                    }

                    @Override
                    public String shardId(String entityId) {
                        return NodePinnedAllocation.shardOf(entityId);
                    }

                    @Override
                    public ActorHost.Command unwrapMessage(ShardingEnvelope<ActorHost.Command> envelope) {
                        return envelope.message();
                    }
                };
        ClusterShardingSettings shardingSettings = ClusterShardingSettings.create(system).withNoPassivationStrategy();
        this.sharding.init(Entity.of(ActorHost.KEY, ctx -> ActorHost.create(ctx.getEntityId(), services, scheduler, directory, actorTable, localActors))
                .withSettings(shardingSettings)
                .withMessageExtractor(extractor)
                .withAllocationStrategy(new NodePinnedAllocation(self, this::canHostActor))
                .withEntityProps(DispatcherSelector.fromConfig("rayo.actor-dispatcher")));
        this.sharding.init(Entity.of(PersistentActorHost.KEY, ctx -> {
                    ensureJournalSchema();
                    return PersistentActorHost.create(ctx.getEntityId(), services, settings.checkpointEvery());
                })
                .withSettings(shardingSettings)
                .withMessageExtractor(extractor)
                .withAllocationStrategy(new NodePinnedAllocation(self, this::canHostActor))
                .withEntityProps(DispatcherSelector.fromConfig("rayo.actor-dispatcher")));
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
        Config full = ConfigLoader.load(config);
        RayoSettings settings = RayoSettings.from(full);
        boolean joining = !settings.address().isEmpty() || !full.getStringList("akka.cluster.seed-nodes").isEmpty();
        List<String> roles = new ArrayList<>(settings.roles());
        Map<String, Object> nodeSettings = new HashMap<>();
        if (role == Role.DRIVER && joining) {
            roles.add("driver");
            // A driver runs tasks only if it is given CPUs (or GPUs) explicitly.
            if (full.getValue("rayo.num-cpus").unwrapped().equals("auto")) {
                nodeSettings.put("rayo.num-cpus", 0);
            }
            if (full.getValue("rayo.num-gpus").unwrapped().equals("auto")) {
                nodeSettings.put("rayo.num-gpus", 0);
            }
        }
        if (settings.journal().equals("h2")) {
            // One H2 file per host; AUTO_SERVER lets every Rayo JVM of the host share it.
            nodeSettings.put("akka-persistence-jdbc.shared-databases.slick.db.url", "jdbc:h2:file:"
                    + settings.effectiveH2File().toAbsolutePath() + ";DATABASE_TO_UPPER=false;AUTO_SERVER=TRUE");
        }
        nodeSettings.put("akka.remote.artery.canonical.hostname", settings.hostname());
        nodeSettings.put("akka.remote.artery.canonical.port", settings.port());
        nodeSettings.put("akka.cluster.roles", roles);
        Config withNode = ConfigFactory.parseMap(nodeSettings).withFallback(full);
        settings = RayoSettings.from(withNode);
        Config node = ConfigFactory.parseMap(Map.of("rayo.worker-dispatcher.parallelism", Math.max(1, settings.numCpus())))
                .withFallback(withNode);
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(Behaviors.empty(), settings.clusterName(), node);
        } catch (RuntimeException e) {
            throw new RayoException("could not start a Rayo node on " + settings.hostname() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        try {
            Cluster cluster = Cluster.get(system);
            if (!settings.address().isEmpty()) {
                cluster.manager().tell(Join.create(seedAddress(settings)));
            } else if (!joining) {
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
            }
            awaitUp(system, settings);
            AkkaRayoRuntime runtime = new AkkaRayoRuntime(system, true, settings);
            if (joining) {
                runtime.awaitNodeTable(settings.startupTimeout());
            }
            return runtime;
        } catch (RuntimeException e) {
            terminate(system);
            throw e;
        }
    }

    /** A runtime inside an application's own actor system, which must use the cluster provider. */
    public static AkkaRayoRuntime attach(ActorSystem<?> system) {
        if (!"cluster".equals(system.settings().config().getString("akka.actor.provider"))
                && !system.settings().config().getString("akka.actor.provider").endsWith("ClusterActorRefProvider")) {
            throw new RayoException("Rayo needs an actor system with akka.actor.provider = cluster");
        }
        ConfigLoader.rejectUnknownKeys(system.settings().config());
        return new AkkaRayoRuntime(system, false, RayoSettings.from(system.settings().config()));
    }

    private static Address seedAddress(RayoSettings settings) {
        Map.Entry<String, Integer> hostPort = RayoSettings.parseAddress(settings.address());
        return new Address("akka", settings.clusterName(), hostPort.getKey(), hostPort.getValue());
    }

    private static void awaitUp(ActorSystem<?> system, RayoSettings settings) {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        Cluster cluster = Cluster.get(system);
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() - deadline > 0) {
                throw new RayoException("this node did not become a cluster member within " + settings.startupTimeout()
                        + (settings.address().isEmpty() ? "" : ": is a Rayo node running at " + settings.address()
                        + " with cluster name '" + settings.clusterName() + "'?"));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RayoException("interrupted while joining the cluster", e);
            }
        }
    }

    /**
     * Waits until gossip has brought the resources of every member that was up when this node joined, so
     * the first task a program submits is placed with the whole cluster in view.
     */
    private void awaitNodeTable(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (akka.cluster.Member m : Cluster.get(system).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                expected.add(m.address().toString());
            }
        }
        while (System.nanoTime() < deadline) {
            java.util.Set<String> known = new java.util.HashSet<>();
            view.nodes().forEach(n -> known.add(n.address()));
            if (known.containsAll(expected)) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ResourceSet nodeResources(RayoSettings s) {
        Map<String, Double> amounts = new HashMap<>(s.customResources());
        amounts.put(ResourceSet.CPU, (double) s.numCpus());
        amounts.put(ResourceSet.GPU, (double) s.numGpus());
        return ResourceSet.ofAmounts(amounts);
    }

    // ---------------------------------------------------------------- objects

    @Override
    public <T> ObjectRef<T> put(T value) {
        checkRunning();
        String id = Ids.next();
        StoredValue stored = values.write(id, value);
        RayoObjectRef<T> ref = objects.create(id);
        objects.complete(id, stored);
        return ref;
    }

    @Override
    public <T> T get(ObjectRef<T> ref) {
        return await(ref, Long.MAX_VALUE, null);
    }

    @Override
    public <T> T get(ObjectRef<T> ref, Duration timeout) {
        return await(ref, deadline(timeout), timeout);
    }

    @Override
    public <T> List<T> get(List<ObjectRef<T>> refs) {
        return get(refs, null);
    }

    @Override
    public <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : deadline(timeout);
        List<T> out = new ArrayList<>(refs.size());
        for (ObjectRef<T> ref : refs) {
            out.add(await(ref, deadline, timeout));
        }
        return out;
    }

    private <T> T await(ObjectRef<T> ref, long deadline, Duration timeout) {
        checkRunning();
        RayoObjectRef<?> rayoRef = asRayoRef(ref);
        for (int attempt = 0; ; attempt++) {
            CompletableFuture<StoredValue> future = resolve(rayoRef);
            if (!Blocking.await(future, deadline)) {
                throw new RayoTimeoutException("get of " + ref + " timed out after " + timeout);
            }
            StoredValue value = future.join();
            try {
                return decode(value);
            } catch (ObjectLostException lost) {
                // Its only copy went with a node that is not yet declared dead: make it again from lineage.
                if (attempt < MAX_RECONSTRUCTIONS_PER_GET && value instanceof StoredValue.InStore in
                        && rayoRef.ownerAddress().equals(selfAddress) && objects.hasLineage(rayoRef.id())) {
                    reconstruct(rayoRef.id(), in.nodeAddress(), new java.util.HashSet<>());
                    continue;
                }
                if (attempt < MAX_BORROWED_WAITS && value instanceof StoredValue.InStore
                        && !rayoRef.ownerAddress().equals(selfAddress) && isMember(rayoRef.ownerAddress())) {
                    // Another process owns it and is alive: once the dead holder is removed from the cluster,
                    // the owner makes it again from lineage (or says it is lost). Ask it again, backing off.
                    long pause = TimeUnit.MILLISECONDS.toNanos(Math.min(2000, 250L * (attempt + 1)));
                    Blocking.await(new CompletableFuture<Void>(), Math.min(deadline, System.nanoTime() + pause));
                    continue;
                }
                throw lost;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T decode(StoredValue value) {
        if (value instanceof StoredValue.Failed failed) {
            throw failed.error().toException(kryo);
        }
        return (T) values.read(value);
    }

    @Override
    public <T> CompletableFuture<T> futureValue(ObjectRef<T> ref) {
        return resolve(asRayoRef(ref)).thenApplyAsync(this::decode, system.executionContext());
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
        return waitFor(refs, numReturns, timeout == null ? Long.MAX_VALUE : deadline(timeout));
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns) {
        return waitFor(refs, numReturns, Long.MAX_VALUE);
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs) {
        return waitFor(refs, refs.size(), Long.MAX_VALUE);
    }

    private <T> WaitResult<T> waitFor(List<ObjectRef<T>> refs, int numReturns, long deadline) {
        checkRunning();
        if (numReturns < 0 || numReturns > refs.size()) {
            throw new IllegalArgumentException("numReturns must be 0.." + refs.size() + ", was " + numReturns);
        }
        List<CompletableFuture<StoredValue>> futures = new ArrayList<>(refs.size());
        CompletableFuture<Void> enough = new CompletableFuture<>();
        AtomicInteger done = new AtomicInteger();
        if (numReturns == 0) {
            enough.complete(null);
        }
        for (ObjectRef<T> ref : refs) {
            CompletableFuture<StoredValue> f = resolve(asRayoRef(ref));
            futures.add(f);
            f.whenComplete((v, e) -> {
                if (done.incrementAndGet() >= numReturns) {
                    enough.complete(null);
                }
            });
        }
        Blocking.await(enough, deadline);
        List<ObjectRef<T>> ready = new ArrayList<>(numReturns);
        List<ObjectRef<T>> unready = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            if (ready.size() < numReturns && futures.get(i).isDone()) {
                ready.add(refs.get(i));
            } else {
                unready.add(refs.get(i));
            }
        }
        return new WaitResult<>(ready, unready);
    }

    /** Where the value of {@code ref} is; completes when its owner knows. */
    CompletableFuture<StoredValue> resolve(RayoObjectRef<?> ref) {
        if (ref.ownerAddress().equals(selfAddress)) {
            CompletableFuture<StoredValue> f = objects.demand(ref.id());
            return f != null ? f : CompletableFuture.completedFuture(OwnerEndpoint.lost(ref.id(), nodeId));
        }
        if (!isMember(ref.ownerAddress())) {
            return CompletableFuture.completedFuture(OwnerEndpoint.lost(ref.id(), ref.ownerAddress()));
        }
        return fetchFromOwner(ref);
    }

    /**
     * Asks the owner for the object; the owner answers once it is ready, however long that takes, so an
     * ask that times out is simply asked again while the owner is still a member of the cluster.
     */
    private CompletableFuture<StoredValue> fetchFromOwner(RayoObjectRef<?> ref) {
        if (!isMember(ref.ownerAddress())) {
            return CompletableFuture.completedFuture(OwnerEndpoint.lost(ref.id(), ref.ownerAddress()));
        }
        CompletableFuture<StoredValue> result = pendingFetches.watch(ref.ownerAddress(), new CompletableFuture<>());
        askOwner(ref, result);
        return result;
    }

    private void askOwner(RayoObjectRef<?> ref, CompletableFuture<StoredValue> result) {
        AskPattern.<OwnerEndpoint.Command, StoredValue>ask(ownerEndpoint(ref.ownerAddress()),
                        replyTo -> new OwnerEndpoint.Fetch(ref.id(), replyTo), OWNER_FETCH_TIMEOUT, system.scheduler())
                .whenComplete((value, error) -> {
                    if (value != null) {
                        result.complete(value);
                    } else if (!result.isDone()) {
                        if (isMember(ref.ownerAddress())) {
                            askOwner(ref, result);
                        } else {
                            result.complete(OwnerEndpoint.lost(ref.id(), ref.ownerAddress()));
                        }
                    }
                });
    }

    private void report(String ownerAddress, String objectId, StoredValue value) {
        if (ownerAddress.equals(selfAddress)) {
            objects.complete(objectId, value);
        } else {
            ownerEndpoint(ownerAddress).tell(new OwnerEndpoint.ObjectReady(objectId, value));
        }
    }

    private ActorRef<OwnerEndpoint.Command> ownerEndpoint(String ownerAddress) {
        return refResolver.resolveActorRef(ownerAddress + "/system/" + OwnerEndpoint.NAME);
    }

    private boolean isReachableMember(String address) {
        return address.equals(selfAddress) || view.node(address).isPresent();
    }

    private ActorRef<TransferEndpoint.Command> transferEndpoint(String address) {
        return refResolver.resolveActorRef(address + "/system/" + TransferEndpoint.NAME);
    }

    private boolean isMember(String address) {
        for (akka.cluster.Member m : Cluster.get(system).state().getMembers()) {
            if (m.address().toString().equals(address)) {
                return true;
            }
        }
        return false;
    }

    private static RayoObjectRef<?> asRayoRef(ObjectRef<?> ref) {
        if (ref instanceof RayoObjectRef<?> r) {
            return r;
        }
        throw new IllegalArgumentException("not a Rayo object ref: " + ref);
    }

    // ---------------------------------------------------------------- tasks

    @Override
    public List<ObjectRef<Object>> submitTask(CallRequest request) {
        checkRunning();
        Map<String, Double> amounts = new HashMap<>(request.resources());
        amounts.putIfAbsent(ResourceSet.CPU, 1.0);
        ResourceSet resources = ResourceSet.ofAmounts(amounts);
        String name = request.name() != null ? request.name() : FunctionCodec.nameOf(request.function());
        byte[] function = functions.encode(request.function());
        List<TaskArg> args = encodeArgs(request.args());
        int maxRetries = request.maxRetries() < 0 ? settings.taskMaxRetries() : request.maxRetries();
        String taskId = Ids.next();
        TaskSpec spec = new TaskSpec(taskId, name, function, args, resources, newIds(request.numReturns()), selfAddress,
                maxRetries, request.retryExceptions(), 0);
        List<ObjectRef<Object>> refs = new ArrayList<>(request.numReturns());
        for (String id : spec.returnIds()) {
            refs.add(objects.create(id, spec));
        }
        submit(spec);
        return refs;
    }

    /** Queues a task (first run, retry or reconstruction), tracking where it goes until it finishes. */
    private void submit(TaskSpec spec) {
        tracker.track(spec.taskId(), spec, selfAddress, futuresOf(spec.returnIds()));
        events.record(spec.taskId(), spec.name(), TaskEvent.Kind.SUBMITTED, nodeId, null);
        scheduler.tell(new NodeScheduler.Submit(spec));
    }

    private List<CompletableFuture<StoredValue>> futuresOf(List<String> ids) {
        List<CompletableFuture<StoredValue>> futures = new ArrayList<>(ids.size());
        for (String id : ids) {
            CompletableFuture<StoredValue> f = objects.lookup(id);
            futures.add(f != null ? f : CompletableFuture.completedFuture(null));
        }
        return futures;
    }

    private static List<String> newIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Ids.next());
        }
        return List.copyOf(ids);
    }

    /** Values become inline args; large values are put in the store first and passed by ref, as Ray does. */
    private List<TaskArg> encodeArgs(Object[] args) {
        List<TaskArg> out = new ArrayList<>(args.length);
        for (Object arg : args) {
            if (arg instanceof ObjectRef<?> ref) {
                out.add(new TaskArg.Ref(asRayoRef(ref)));
                continue;
            }
            String id = Ids.next();
            StoredValue stored = values.write(id, arg);
            if (stored instanceof StoredValue.Inline) {
                out.add(new TaskArg.Value(stored));
            } else {
                RayoObjectRef<Object> ref = objects.create(id);
                objects.complete(id, stored);
                out.add(new TaskArg.Ref(ref));
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- actors

    @Override
    public <A> ActorHandle<A> createActor(ActorRequest request) {
        checkRunning();
        ResourceSet resources = ResourceSet.ofAmounts(request.resources());
        String actorId = NodePinnedAllocation.entityId(placeActor(resources), Ids.next());
        String ctorName = FunctionCodec.nameOf(request.constructor());
        String className = ctorName.endsWith(".new") ? ctorName.substring(0, ctorName.length() - 4) : ctorName;
        byte[] constructor = functions.encode(request.constructor());
        List<TaskArg> args = encodeArgs(request.args());
        for (TaskArg arg : args) {
            if (arg instanceof TaskArg.Ref ref) {
                // An actor re-created after its node died resolves its constructor arguments again: keep them.
                ref.ref().escaping();
            }
        }
        int maxRestarts = request.maxRestarts() < 0 ? settings.actorMaxRestarts() : request.maxRestarts();
        boolean persistent = request.persistence() != ActorPersistence.NONE;
        if (request.name() != null) {
            directory.register(request.name(), new ActorDirectory.NamedActor(actorId, className, persistent,
                    request.maxTaskRetries()));
        }
        ActorSpec spec = new ActorSpec(actorId, className, request.name(), constructor, args, resources, maxRestarts,
                request.persistence(), selfAddress);
        if (persistent) {
            ensureJournalSchema();
        } else {
            actorTable.record(spec);
        }
        sharding.entityRefFor(persistent ? PersistentActorHost.KEY : ActorHost.KEY, actorId).tell(new ActorHost.Create(spec));
        return new RayoActorHandle<>(actorId, className, persistent, request.maxTaskRetries());
    }

    /**
     * The node a new actor goes to: one that can hold its resources (and, like Ray, at least one CPU for
     * placement when it asks for none), preferring the most free CPUs; this node when none is known.
     */
    private String placeActor(ResourceSet resources) {
        ResourceSet forPlacement = resources.get(ResourceSet.CPU) > 0 ? resources
                : resources.plus(ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 1.0)));
        java.util.Comparator<NodeInfo> byFreeCpu = java.util.Comparator.comparingLong(n -> n.available().get(ResourceSet.CPU));
        Optional<NodeInfo> best = view.nodes().stream().filter(n -> forPlacement.fitsIn(n.available())).max(byFreeCpu)
                .or(() -> view.nodes().stream().filter(n -> forPlacement.fitsIn(n.total())).max(byFreeCpu))
                .or(() -> view.nodes().stream().filter(n -> resources.fitsIn(n.total())).max(byFreeCpu));
        best.ifPresent(n -> view.reserve(n.address(), forPlacement));
        return best.map(NodeInfo::address).orElse(selfAddress);
    }

    /** Whether the node at {@code address} offers what actor {@code actorId} needs (at least a CPU when it asks for none). */
    private boolean canHostActor(String address, String actorId) {
        ActorTable.ActorRecord record = actorTable.known(actorId);
        ResourceSet needs = record == null ? ResourceSet.EMPTY : record.spec().resources();
        ResourceSet forPlacement = needs.get(ResourceSet.CPU) > 0 ? needs
                : needs.plus(ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 1.0)));
        return view.node(address).map(n -> forPlacement.fitsIn(n.total())).orElse(false);
    }

    /** A node holds task {@code taskId}, or an actor received call {@code taskId}. */
    private void placed(String taskId, String nodeAddress, int hops) {
        if (removedJustNow(nodeAddress)) {
            // A report that was still in the mailbox when its node's removal was handled: the task or call
            // was already taken from that node and sent on; the stale report must not pin it there.
            return;
        }
        tracker.placed(taskId, nodeAddress, hops);
        pendingCalls.accepted(taskId, nodeAddress);
    }

    /** Whether the node at {@code address} was removed less than {@link #RESEND_DELAY} ago. */
    private boolean removedJustNow(String address) {
        Long removedAt = recentlyRemoved.get(address);
        return removedAt != null && System.nanoTime() - removedAt < RESEND_DELAY.toNanos();
    }

    /** Sends {@code calls} again; their actors drop the copies of calls they already have. */
    private void resend(List<PendingCalls.Pending> calls) {
        if (running) {
            if (!calls.isEmpty() && LOG.isDebugEnabled()) {
                LOG.debug("sending {} unacknowledged actor call(s) again: {}", calls.size(),
                        calls.stream().map(c -> c.callId() + "->" + c.actorId()).toList());
            }
            calls.forEach(call -> call.resend().run());
        }
    }

    /**
     * Sends every actor call in flight once more, as a resend after a missed acknowledgement does; tests
     * use it to check that actors drop the copies. Returns how many calls were sent again.
     */
    int sendPendingCallsAgain() {
        List<PendingCalls.Pending> calls = pendingCalls.inFlight();
        resend(calls);
        return calls.size();
    }

    /** How many actor calls went straight to an actor on this node rather than through sharding. */
    long directActorCalls() {
        return directCalls.get();
    }

    /** Submits a call on {@code actor}; this process owns its results. */
    public List<ObjectRef<Object>> submitActorCall(RayoActorHandle<?> actor, CallRequest request) {
        checkRunning();
        String name = request.name() != null ? request.name() : FunctionCodec.nameOf(request.function());
        byte[] function = functions.encode(request.function());
        List<TaskArg> args = encodeArgs(request.args());
        List<String> returnIds = newIds(request.numReturns());
        List<ObjectRef<Object>> refs = new ArrayList<>(returnIds.size());
        for (String id : returnIds) {
            refs.add(objects.create(id));
        }
        String callId = Ids.next();
        TaskSpec spec = new TaskSpec(callId, name, function, args, ResourceSet.EMPTY, returnIds, selfAddress, 0, false, 0);
        Runnable send = () -> sharding.entityRefFor(keyOf(actor), actor.actorId()).tell(new ActorHost.Call(spec));
        String home = NodePinnedAllocation.nodeOf(actor.actorId());
        Runnable cancel = () -> sharding.entityRefFor(keyOf(actor), actor.actorId()).tell(new ActorHost.Cancel(callId));
        // Read before this call is tracked: were all earlier calls to the actor acknowledged?
        boolean awaitedBefore = pendingCalls.awaitsAcknowledgement(actor.actorId());
        pendingCalls.track(new PendingCalls.Pending(callId, actor.actorId(), home, returnIds, actor.maxTaskRetries(), send,
                cancel), futuresOf(returnIds));
        events.record(callId, name, TaskEvent.Kind.SUBMITTED, nodeId, null);
        ActorRef<ActorHost.Command> local = actor.persistent() || killedActors.contains(actor.actorId()) ? null
                : localActors.find(actor.actorId());
        if (local != null && !awaitedBefore) {
            directCalls.incrementAndGet();
            local.tell(new ActorHost.Call(spec));
            return refs;
        }
        if (removedJustNow(home)) {
            // Just after its node was removed, the local shard region may still route to the dead region:
            // send once the coordinator has moved the shard.
            system.scheduler().scheduleOnce(RESEND_DELAY, send, system.executionContext());
        } else {
            send.run();
        }
        return refs;
    }

    private static akka.cluster.sharding.typed.javadsl.EntityTypeKey<ActorHost.Command> keyOf(RayoActorHandle<?> actor) {
        return actor.persistent() ? PersistentActorHost.KEY : ActorHost.KEY;
    }

    private final java.util.concurrent.atomic.AtomicBoolean journalReady = new java.util.concurrent.atomic.AtomicBoolean();

    /** Creates the journal's tables once per process, when persistent actors are first used here. */
    private void ensureJournalSchema() {
        if (!settings.createSchema() || journalReady.get()) {
            return;
        }
        synchronized (journalReady) {
            if (journalReady.get()) {
                return;
            }
            try {
                akka.persistence.jdbc.testkit.javadsl.SchemaUtils.createIfNotExists(system)
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
                journalReady.set(true);
            } catch (Exception e) {
                throw new RayoException("the actor journal can't be prepared (" + settings.journal() + "): " + e, e);
            }
        }
    }

    /** Kills {@code actor} for good and frees its name. */
    public void killActor(RayoActorHandle<?> actor) {
        checkRunning();
        killedActors.add(actor.actorId());
        ActorHost.Kill kill = new ActorHost.Kill("it was killed");
        ActorRef<ActorHost.Command> local = actor.persistent() ? null : localActors.find(actor.actorId());
        if (local != null) {
            // The way later calls may take: they must find the actor dead, not overtake the kill.
            local.tell(kill);
        } else {
            sharding.entityRefFor(keyOf(actor), actor.actorId()).tell(kill);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> Optional<ActorHandle<A>> getActor(String name) {
        checkRunning();
        return directory.lookup(name).map(n -> (ActorHandle<A>) new RayoActorHandle<A>(n.actorId(), n.className(), n.persistent(),
                n.maxTaskRetries()));
    }

    // ---------------------------------------------------------------- failures of other nodes

    /**
     * A node left the cluster or was downed: waits on it fail, tasks it held run again elsewhere, objects
     * it held are served from this host's store when a copy is there and otherwise made again from lineage
     * when next needed, calls its actors accepted fail (unacknowledged ones are sent again), and objects
     * this node stored for it (as their owner) are freed.
     */
    void onNodeRemoved(String address) {
        if (!running || address.equals(selfAddress)) {
            return;
        }
        recentlyRemoved.put(address, System.nanoTime());
        pendingFetches.fail(address, () -> new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "get",
                address, "the owner of this object, " + address + ", died or left the cluster")));
        for (TaskSpec lost : tracker.takeTasksOn(address)) {
            retryOrFail(lost, address);
        }
        for (String id : objects.storedOn(address)) {
            if (store.contains(id)) {
                objects.adopt(id, address);
            } else {
                objects.markLost(id, address, lostValue(id, address));
            }
        }
        for (PendingCalls.Pending call : pendingCalls.takeCallsOn(address, actorId -> {
            ActorTable.ActorRecord record = actorTable.known(actorId);
            return record == null ? "" : record.host();
        })) {
            LOG.debug("actor call {} to {} was in flight on removed node {} (accepted: {}, retries left: {})",
                    call.callId(), call.actorId(), address, call.accepted(), call.retriesLeft());
            if (call.retriesLeft() > 0) {
                // Asked for with setMaxTaskRetries: the call goes again, to the actor re-created elsewhere.
                pendingCalls.track(new PendingCalls.Pending(call.callId(), call.actorId(), "", call.returnIds(),
                        call.retriesLeft() - 1, call.resend(), call.cancel()), futuresOf(call.returnIds()));
                // After the sharding coordinator has moved the dead node's shards; sent at once, the call could
                // still go to the dead region that the local shard region remembers.
                system.scheduler().scheduleOnce(RESEND_DELAY, call.resend(), system.executionContext());
                continue;
            }
            call.cancel().run();
            StoredValue failed = new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.ACTOR, "actor call", nodeId,
                    "actor " + call.actorId() + " died with node " + address + " while this call was in flight"));
            call.returnIds().forEach(id -> objects.complete(id, failed));
        }
        // Calls no actor acknowledged may have gone into the dead node's shard region: send them again once
        // the coordinator has moved its shards (their actors drop copies of calls they already have).
        system.scheduler().scheduleOnce(RESEND_DELAY, () -> resend(pendingCalls.unacknowledged()), system.executionContext());
        // Through the transfer endpoint, which also frees the copies that other hosts pulled from here.
        values.forgetOwner(address).forEach(id -> transfers.tell(new TransferEndpoint.Delete(id)));
    }

    private void retryOrFail(TaskSpec lost, String deadNode) {
        if (lost.mayRetry()) {
            reexecuted.incrementAndGet();
            submit(lost.nextAttempt());
        } else {
            StoredValue failed = new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.SYSTEM, lost.name(), nodeId,
                    "task " + lost.name() + " was lost with node " + deadNode + " after " + (lost.attempt() + 1)
                            + " attempt(s) (maxRetries=" + lost.maxRetries() + ")"));
            lost.returnIds().forEach(id -> objects.complete(id, failed));
        }
    }

    /** Makes object {@code objectId} again by re-running its task (once per task, whatever it returns). */
    private void reconstruct(String objectId, String deadNode, java.util.Set<String> remade) {
        StoredValue lostValue = lostValue(objectId, deadNode);
        ObjectTable.Lineage lineage = objects.resetForReconstruction(objectId, lostValue);
        if (lineage instanceof TaskSpec spec && remade.add(spec.taskId())) {
            for (String other : spec.returnIds()) {
                if (!other.equals(objectId)) {
                    objects.resetForReconstruction(other, lostValue);
                }
            }
            retryOrFail(spec, deadNode);
        }
    }

    private StoredValue lostValue(String objectId, String deadNode) {
        return new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "get", nodeId,
                "object " + objectId + " is lost: its only copy was on node " + deadNode
                        + " and it has no lineage to rebuild it (it was made by put, or its lineage was released"
                        + " past rayo.lineage.max-entries)"));
    }

    // ---------------------------------------------------------------- context and lifecycle

    @Override
    public RuntimeContext getRuntimeContext() {
        Optional<TaskContext> ctx = TaskContext.current();
        return new NodeContext(nodeId, ctx.map(TaskContext::taskId).orElse(driverTaskId),
                ctx.map(TaskContext::actorId), ctx.map(TaskContext::gpuIds).orElse(List.of()), view);
    }

    @Override
    public List<Integer> getGpuIds() {
        return TaskContext.current().map(TaskContext::gpuIds).orElse(List.of());
    }

    /** This node's picture of the cluster's nodes. */
    public ClusterView clusterView() {
        return view;
    }

    /** How many tasks this owner ran again because a node died (retries and lineage reconstruction). */
    public long reexecutedTasks() {
        return reexecuted.get();
    }

    /** The node's task event log (submitted / started / finished / failed). */
    public TaskEventLog events() {
        return events;
    }

    /** The objects this process owns. */
    public ObjectTable objects() {
        return objects;
    }

    /** The host's object store. */
    public ObjectStore store() {
        return store;
    }

    /** This node's id ({@code host:port}). */
    public String nodeId() {
        return nodeId;
    }

    /** The actor system this runtime runs in. */
    public ActorSystem<?> system() {
        return system;
    }

    /** The validated settings. */
    public RayoSettings settings() {
        return settings;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void shutdown() {
        if (!running) {
            return;
        }
        running = false;
        objects.close(new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "shutdown", nodeId,
                "the Rayo runtime that owned this object was shut down")));
        if (ownsSystem) {
            terminate(system);
        } else {
            // The application's actor system lives on: stop the scheduler before the store it reads closes.
            try {
                AskPattern.<NodeScheduler.Command, Boolean>ask(scheduler, NodeScheduler.Stop::new, ASK_TIMEOUT, system.scheduler())
                        .toCompletableFuture().get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Already stopped.
            }
        }
        store.close();
    }

    private static void terminate(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Termination is best effort: the JVM may exit anyway.
        }
    }

    private void checkRunning() {
        if (!running) {
            throw new RayoException("this Rayo runtime was shut down");
        }
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

}
