package dev.rayo.runtime.node;

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
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.typed.Cluster;
import dev.rayo.runtime.actor.ActorDirectory;
import dev.rayo.runtime.actor.ActorEntities;
import dev.rayo.runtime.actor.ActorHost;
import dev.rayo.runtime.actor.ActorPlacement;
import dev.rayo.runtime.actor.ActorSubmitter;
import dev.rayo.runtime.actor.ActorTable;
import dev.rayo.runtime.actor.JournalPreparer;
import dev.rayo.runtime.actor.LocalActors;
import dev.rayo.runtime.actor.PendingCalls;
import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.HostIdentity;
import dev.rayo.runtime.cluster.Membership;
import dev.rayo.runtime.cluster.NodeDirectory;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.cluster.RecentRemovals;
import dev.rayo.runtime.code.CodeFetcher;
import dev.rayo.runtime.code.CodeServer;
import dev.rayo.runtime.code.ShippedCode;
import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.runtime.config.RuntimeTuning;
import dev.rayo.runtime.config.JournalDatabase;
import dev.rayo.runtime.events.EventExporter;
import dev.rayo.runtime.events.ExportSettings;
import dev.rayo.runtime.events.JdbcEventSink;
import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.OwnerClient;
import dev.rayo.runtime.ownership.OwnerEndpoint;
import dev.rayo.runtime.ownership.TaskTracker;
import dev.rayo.runtime.recovery.MembershipWatcher;
import dev.rayo.runtime.recovery.NodeFailures;
import dev.rayo.runtime.recovery.TaskPlacements;
import dev.rayo.runtime.scheduler.CancelBroadcast;
import dev.rayo.runtime.scheduler.ClusterPlacement;
import dev.rayo.runtime.scheduler.NodeScheduler;
import dev.rayo.runtime.serialization.KryoPool;
import dev.rayo.runtime.state.ClusterState;
import dev.rayo.runtime.state.StateEndpoint;
import dev.rayo.runtime.serialization.RayoKryo;
import dev.rayo.runtime.task.CancelledTasks;
import dev.rayo.runtime.task.ArgumentEncoder;
import dev.rayo.runtime.task.FunctionCodec;
import dev.rayo.runtime.task.NodeServices;
import dev.rayo.runtime.task.TaskSubmitter;
import dev.rayo.runtime.transfer.LiveHolderPull;
import dev.rayo.runtime.transfer.ObjectPuller;
import dev.rayo.runtime.transfer.TransferEndpoint;
import dev.rayo.runtime.transfer.StreamTls;
import dev.rayo.runtime.transfer.TransferServer;
import dev.rayo.runtime.values.ObjectStoreFactory;
import dev.rayo.runtime.values.ValueStore;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;
import dev.rayo.store.ObjectStore;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root of one node: builds every part of the runtime in dependency order and wires them
 * through their named seams; it holds no logic of its own beyond starting and stopping what it built
 * (like Aeron's {@code MediaDriver}). The only class that knows every package.
 */
public final class RayoNode {
    private final ActorSystem<?> system;
    private final boolean ownsSystem;
    private final RayoSettings settings;
    private final RuntimeTuning tuning;
    private final String selfAddress;
    private final String nodeId;
    private final KryoPool kryo;
    private final ObjectStore store;
    private final TransferServer transferServer;
    private final ObjectPuller puller;
    private final ValueStore values;
    private final ObjectTable objects;
    private final TaskEventLog events;
    private final ClusterView view;
    private final Membership membership;
    private final OwnerClient owners;
    private final TaskSubmitter tasks;
    private final CancelBroadcast cancels;
    private final ActorSubmitter actors;
    private final PendingCalls pendingCalls;
    private final NodeFailures failures;
    private final ActorRef<NodeScheduler.Command> scheduler;
    private final ClusterState state;
    private final EventExporter exporter;
    private volatile boolean running = true;

    RayoNode(ActorSystem<?> system, boolean ownsSystem, RayoSettings settings) {
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.settings = settings;
        this.tuning = settings.tuning();
        // Read before anything starts, so a bad value fails the start whatever rayo.events.export says.
        ExportSettings exportSettings = ExportSettings.from(system.settings().config());
        boolean exporting = settings.eventsExport().equals(RayoSettings.EXPORT_JDBC);
        ExportSettings export = exporting ? exportSettings : null;
        JournalDatabase exportTo = exporting ? JournalDatabase.of(system.settings().config()) : null;
        Address self = Cluster.get(system).selfMember().address();
        this.selfAddress = self.toString();
        this.nodeId = nodeIdOf(self);
        ActorRefResolver refs = ActorRefResolver.get(system);
        this.kryo = RayoKryo.pool(Adapter.toClassic(system));
        this.store = ObjectStoreFactory.open(settings);
        this.view = new ClusterView(selfAddress);
        this.membership = new Membership(system, view);
        // With Artery on tls-tcp, the transfer stream uses the same stores and mutual authentication.
        StreamTls streamTls = settings.transferStreams() ? StreamTls.fromArtery(system.settings().config()) : null;
        this.transferServer = settings.transferStreams()
                ? TransferServer.start(store, settings.hostname(), settings.transferPort(), tuning.askTimeout(), streamTls) : null;
        this.puller = new ObjectPuller(system, store, settings.transferChunkBytes(), settings.transferWindow(),
                tuning.askTimeout(), settings.transferStreams(), streamTls);
        this.values = new ValueStore(kryo, store, settings.inlineThreshold(), selfAddress, new LiveHolderPull(membership, puller),
                (node, objectId) -> transferEndpoint(refs, node).tell(new TransferEndpoint.Delete(objectId)));
        this.objects = new ObjectTable(selfAddress, values::free, settings.maxLineage());
        this.events = new TaskEventLog(settings.eventCapacity());
        TaskTracker<TaskSpec> tracker = new TaskTracker<>();
        this.pendingCalls = new PendingCalls(settings.callResendAfter(), tuning.callResendMaxDelay());
        RecentRemovals removals = new RecentRemovals(tuning.removedNodeDelay());
        TaskPlacements placements = new TaskPlacements(tracker, pendingCalls, removals);
        this.owners = new OwnerClient(system, nodeId, objects, membership, tuning.ownerFetchTimeout(), placements);

        ShippedCode shipped = new ShippedCode(Path.of(System.getProperty("java.io.tmpdir"),
                "rayo-code-" + ProcessHandle.current().pid()));
        settings.codePath().forEach(shipped::add);
        CodeFetcher code = new CodeFetcher(system, shipped, RayoKryo.loader(Adapter.toClassic(system)), kryo.allowList(),
                nodeId, tuning.codeFetchChunkBytes(), tuning.codeFetchTimeout());
        FunctionCodec functions = new FunctionCodec(kryo);
        NodeServices services = new NodeServices(nodeId, selfAddress, kryo, functions, values, owners, owners, events,
                settings.infeasibleTimeout(), new AtomicInteger(), code, new CancelledTasks());

        ActorRef<NodeDirectory.Command> nodeDirectory = system.systemActorOf(
                NodeDirectory.create(view, tuning.loadPublishInterval()), "rayo-nodes", Props.empty());
        java.util.function.Function<String, ActorRef<NodeScheduler.Command>> schedulers =
                address -> refs.resolveActorRef(address + "/system/rayo-scheduler");
        this.cancels = new CancelBroadcast(view, schedulers);
        ClusterPlacement placement = new ClusterPlacement(view, selfInfo(system, settings, selfAddress, nodeId), nodeDirectory,
                schedulers, owners,
                () -> running ? new NodeInfo.NodeLoad(store.usedBytes(), store.capacityBytes(), objects.size(),
                        services.liveActors().get()) : NodeInfo.NodeLoad.NONE);
        // A bug in one message must not lose the queue of every task waiting here: resume, keeping state.
        this.scheduler = system.systemActorOf(Behaviors.supervise(NodeScheduler.create(services, nodeResources(settings),
                        placement, new NodeScheduler.Limits(tuning.maxSpillHops(), tuning.maxLostInputWaits(),
                                tuning.schedulerLoadRefreshInterval(), tuning.infeasibleRecheckInterval(),
                                tuning.schedulerPipelineDepth(), tuning.effectiveGetSpinNanos(), tuning.schedulerPublishDelay(),
                                tuning.schedulerLaneLinger())))
                .onFailure(SupervisorStrategy.resume()), "rayo-scheduler",
                DispatcherSelector.fromConfig("rayo.scheduler-dispatcher"));
        ArgumentEncoder arguments = new ArgumentEncoder(values, objects);
        this.tasks = new TaskSubmitter(nodeId, functions, arguments, objects, tracker, events, settings.taskMaxRetries(),
                spec -> scheduler.tell(new NodeScheduler.Submit(spec)));

        ClusterSharding sharding = ClusterSharding.get(system);
        ActorDirectory directory = new ActorDirectory(system, tuning.directoryTimeout(), tuning.directoryMajorityTimeout());
        ActorTable actorTable = new ActorTable(system, tuning.tableMajorityTimeout());
        LocalActors localActors = new LocalActors();
        ActorPlacement actorPlacement = new ActorPlacement(view, actorTable);
        JournalPreparer journal = new JournalPreparer(system, settings.createSchema(), settings.journal(),
                tuning.createSchemaTimeout());
        this.actors = new ActorSubmitter(new ActorSubmitter.Parts(system, sharding, directory, actorTable, localActors,
                pendingCalls, actorPlacement, journal, functions, arguments, objects, events, removals, nodeId,
                settings.actorMaxRestarts(), this::isRunning));

        ActorRef<TransferEndpoint.Command> transfers = system.systemActorOf(
                TransferEndpoint.create(store, values::deleteOwned, address -> transferEndpoint(refs, address),
                        transferServer == null ? null : transferServer.address()),
                TransferEndpoint.NAME, DispatcherSelector.fromConfig("rayo.store-dispatcher"));
        this.failures = new NodeFailures(new NodeFailures.Parts(selfAddress, nodeId, objects, tracker, tasks, pendingCalls,
                actors, actorTable, owners, values, store::contains, id -> transfers.tell(new TransferEndpoint.Delete(id)),
                removals));
        objects.reconstructWith(failures);

        system.systemActorOf(OwnerEndpoint.create(objects, placements, nodeId, owners.outbox()), OwnerEndpoint.NAME, Props.empty());
        system.scheduler().scheduleWithFixedDelay(tuning.callResendCheckInterval(), tuning.callResendCheckInterval(),
                this::resendDueCalls, system.executionContext());
        system.systemActorOf(MembershipWatcher.create(this::nodeRemoved), "rayo-membership", Props.empty());
        system.systemActorOf(CodeServer.create(shipped), CodeServer.NAME, DispatcherSelector.fromConfig("rayo.store-dispatcher"));
        this.state = new ClusterState(system, view, actorTable, tuning.askTimeout(), settings.stateMaxObjectsPerNode());
        system.systemActorOf(StateEndpoint.create(nodeId, selfAddress, events, objects, state::dashboardUrl),
                StateEndpoint.NAME, Props.empty());
        ActorEntities.init(system, sharding, self, services, scheduler, directory, actorTable, localActors, actorPlacement, journal,
                new ActorHost.Timing(tuning.restartCheckDelay(), tuning.tableMajorityReadAttempts(),
                        tuning.effectiveGetSpinNanos()), settings.checkpointEvery());
        this.exporter = export == null ? null : EventExporter.start(events,
                new JdbcEventSink(exportTo, settings.createSchema(), export.timeout()), export);
    }

    private void resendDueCalls() {
        actors.resend(pendingCalls.dueForResend(System.nanoTime()));
    }

    private void nodeRemoved(String address) {
        if (running) {
            failures.nodeRemoved(address);
        }
    }

    private static NodeInfo selfInfo(ActorSystem<?> system, RayoSettings settings, String selfAddress, String nodeId) {
        Cluster cluster = Cluster.get(system);
        return new NodeInfo(selfAddress, nodeId, HostIdentity.hostKey(),
                settings.effectiveStoreDirectory().toAbsolutePath().toString(), ResourceSet.EMPTY, ResourceSet.EMPTY,
                cluster.selfMember().getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList(),
                NodeInfo.NodeLoad.NONE, 0);
    }

    private static String nodeIdOf(Address address) {
        return address.host().getOrElse(() -> "local") + ":" + address.port().getOrElse(() -> 0);
    }

    private static ResourceSet nodeResources(RayoSettings s) {
        Map<String, Double> amounts = new HashMap<>(s.customResources());
        amounts.put(ResourceSet.CPU, (double) s.numCpus());
        amounts.put(ResourceSet.GPU, (double) s.numGpus());
        return ResourceSet.ofAmounts(amounts);
    }

    private static ActorRef<TransferEndpoint.Command> transferEndpoint(ActorRefResolver refs, String address) {
        return refs.resolveActorRef(address + "/system/" + TransferEndpoint.NAME);
    }

    /**
     * Stops the node: the objects it owns fail for everyone still waiting, then its actor system stops (when
     * this node started it) or only its scheduler (inside an application's own system), then the task events not
     * yet exported are written (rayo.events.export = jdbc), then the store closes.
     */
    public synchronized void shutdown() {
        if (!running) {
            return;
        }
        running = false;
        objects.close(new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "shutdown", nodeId,
                "the Rayo runtime that owned this object was shut down")));
        if (ownsSystem) {
            NodeBootstrap.terminate(system);
        } else {
            // The application's actor system lives on: stop the scheduler before the store it reads closes.
            try {
                AskPattern.<NodeScheduler.Command, Boolean>ask(scheduler, NodeScheduler.Stop::new, tuning.askTimeout(),
                                system.scheduler())
                        .toCompletableFuture().get(tuning.askTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Already stopped.
            }
        }
        if (exporter != null) {
            // After the tasks stopped, so their last events go too; bounded by rayo.events.export-timeout.
            exporter.close();
        }
        if (transferServer != null) {
            transferServer.close();
        }
        store.close();
    }

    /** True until {@link #shutdown()}. */
    public boolean isRunning() {
        return running;
    }

    /** The actor system this node runs in. */
    public ActorSystem<?> system() {
        return system;
    }

    /** The validated settings. */
    public RayoSettings settings() {
        return settings;
    }

    /** This node's cluster address, which names the owner of the objects it creates. */
    public String selfAddress() {
        return selfAddress;
    }

    /** This node's id ({@code host:port}). */
    public String nodeId() {
        return nodeId;
    }

    /** Serialization with the node's allow-list. */
    public KryoPool kryo() {
        return kryo;
    }

    /** The host's object store. */
    public ObjectStore store() {
        return store;
    }

    /** What copies objects from other hosts into this host's store. */
    public ObjectPuller puller() {
        return puller;
    }

    /** How values are placed inline or in the store, and read back. */
    public ValueStore values() {
        return values;
    }

    /** The objects this process owns. */
    public ObjectTable objects() {
        return objects;
    }

    /** The node's task event log. */
    public TaskEventLog events() {
        return events;
    }

    /** What copies the task events to the journal database, or null unless {@code rayo.events.export = jdbc}. */
    public EventExporter eventExporter() {
        return exporter;
    }

    /** The cluster's state (tasks, actors, objects, nodes, timeline) as read from this member. */
    public ClusterState state() {
        return state;
    }

    /** This node's picture of the cluster's nodes. */
    public ClusterView view() {
        return view;
    }

    /** Who is in the cluster. */
    public Membership membership() {
        return membership;
    }

    /** This process as a client of objects' owners. */
    public OwnerClient owners() {
        return owners;
    }

    /** Task submission. */
    public TaskSubmitter tasks() {
        return tasks;
    }

    /** Task cancels, sent to every node. */
    public CancelBroadcast cancels() {
        return cancels;
    }

    /** Actor creation, calls and kills. */
    public ActorSubmitter actors() {
        return actors;
    }

    /** The actor calls in flight. */
    public PendingCalls pendingCalls() {
        return pendingCalls;
    }

    /** What happens when another node dies. */
    public NodeFailures failures() {
        return failures;
    }
}
