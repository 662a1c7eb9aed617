package dev.rayo.runtime.actor;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.ObjectRef;
import dev.rayo.runtime.code.CodeFetcher;
import dev.rayo.runtime.code.ShippedCode;
import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.ownership.ObjectResolver;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.ownership.ResultSink;
import dev.rayo.runtime.serialization.KryoPool;
import dev.rayo.runtime.serialization.RayoKryo;
import dev.rayo.runtime.task.CancelledTasks;
import dev.rayo.runtime.task.FunctionCodec;
import dev.rayo.runtime.task.NodeServices;
import dev.rayo.runtime.values.ValueStore;
import dev.rayo.runtime.wire.ActorSpec;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;
import dev.rayo.store.ObjectStores;
import dev.rayo.store.SharedObjectStore;
import dev.rayo.store.StoreConfig;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Real node services for scheduler and actor-host tests, on a test kit's actor system: Kryo, function codec,
 * value store (over a store in a temporary directory), event log and code fetcher are the runtime's own; the
 * two seams to the owners of objects, {@link ResultSink} and {@link ObjectResolver}, are doubles that record
 * what the node reports and hand out values the test decides.
 */
public final class TestNodeServices implements AutoCloseable {
    /** The process that owns every test task's and actor's objects: another process, never this node. */
    public static final String OWNER = "akka://owner@127.0.0.1:1";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final NodeServices services;
    private final RecordingResults results = new RecordingResults();
    private final StubResolver resolver = new StubResolver();
    private final SharedObjectStore store;
    private final Path dir;

    private TestNodeServices(ActorSystem<?> system, Duration infeasibleTimeout) {
        String address = Cluster.get(system).selfMember().address().toString();
        String nodeId = address.substring(address.indexOf('@') + 1);
        KryoPool kryo = RayoKryo.pool(Adapter.toClassic(system));
        try {
            dir = Files.createTempDirectory("rayo-node-services-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = ObjectStores.open(StoreConfig.builder().directory(dir.resolve("store")).spillDirectory(dir.resolve("spill"))
                .capacityBytes(16 << 20).maxObjects(64).maxProcesses(4).sweepInterval(Duration.ZERO).build());
        ValueStore values = new ValueStore(kryo, store, 100 << 10, address, object -> { }, (node, id) -> { });
        CodeFetcher code = new CodeFetcher(system, new ShippedCode(dir.resolve("code")),
                RayoKryo.loader(Adapter.toClassic(system)), kryo.allowList(), nodeId, 64 << 10, Duration.ofSeconds(1));
        services = new NodeServices(nodeId, address, kryo, new FunctionCodec(kryo), values, resolver, results,
                new TaskEventLog(1000), infeasibleTimeout, new AtomicInteger(), code, new CancelledTasks());
    }

    /** Services of the node {@code system} runs; requests no node can satisfy wait {@code infeasibleTimeout}. */
    public static TestNodeServices create(ActorSystem<?> system, Duration infeasibleTimeout) {
        return new TestNodeServices(system, infeasibleTimeout);
    }

    /**
     * A test kit whose system is a one-node cluster with the runtime's configuration (reference.conf:
     * Rayo's dispatchers and its Kryo serializer), joined and up, as Distributed Data needs.
     */
    public static ActorTestKit clusterTestKit(String name) {
        ActorTestKit kit = ActorTestKit.create(name, ConfigFactory.parseString("""
                akka.actor.provider = cluster
                akka.remote.artery.canonical.hostname = "127.0.0.1"
                akka.remote.artery.canonical.port = 0
                akka.cluster.jmx.multi-mbeans-in-same-jvm = on
                akka.loglevel = WARNING
                """).withFallback(ConfigFactory.load()));
        Cluster cluster = Cluster.get(kit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        await(() -> cluster.selfMember().status() == MemberStatus.up(), "the test node to be up");
        return kit;
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after ten seconds. */
    public static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** The node's services. */
    public NodeServices services() {
        return services;
    }

    /** What the node reported to the owners. */
    public RecordingResults results() {
        return results;
    }

    /** Where the node's refs resolve. */
    public StubResolver resolver() {
        return resolver;
    }

    /** {@code value} as an argument carried inline, as the submitter would write it. */
    public TaskArg.Value inline(Object value) {
        StoredValue stored = services.values().write(Ids.next(), value);
        if (!(stored instanceof StoredValue.Inline)) {
            throw new IllegalArgumentException("too large to travel inline: " + value);
        }
        return new TaskArg.Value(stored);
    }

    /** Arguments carried inline. */
    public List<TaskArg> inlineArgs(Object... values) {
        List<TaskArg> args = new ArrayList<>();
        for (Object v : values) {
            args.add(inline(v));
        }
        return List.copyOf(args);
    }

    /** The value a report carries. */
    public Object read(StoredValue value) {
        return services.values().read(value);
    }

    /** A task or actor call of {@code function} needing {@code resources}, with one return object owned by {@link #OWNER}. */
    public TaskSpec spec(Serializable function, ResourceSet resources, List<TaskArg> args) {
        return new TaskSpec(Ids.next(), FunctionCodec.nameOf(function), services.functions().encode(function), args,
                resources, List.of(Ids.next()), OWNER, 0, false, 0);
    }

    /** How to build actor {@code actorId} of {@code className} with {@code constructor}, holding {@code resources}. */
    public ActorSpec actorSpec(String actorId, String className, Serializable constructor, ResourceSet resources,
                               List<TaskArg> args) {
        return new ActorSpec(actorId, className, null, services.functions().encode(constructor), args, resources, 0,
                ActorPersistence.NONE, OWNER);
    }

    /** Closes the store and deletes its directory. */
    @Override
    public void close() {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One result delivered to its owner. */
    public record Report(String ownerAddress, String objectId, StoredValue value) {
    }

    /** One acknowledgement that a node holds a task or call. */
    public record Placement(String ownerAddress, String taskId, String nodeAddress, int hops) {
    }

    /** A {@link ResultSink} that keeps everything it is told, for the test to wait on. */
    public static final class RecordingResults implements ResultSink {
        private final List<Report> reports = new CopyOnWriteArrayList<>();
        private final List<Placement> placements = new CopyOnWriteArrayList<>();

        @Override
        public void report(String ownerAddress, String objectId, StoredValue value) {
            reports.add(new Report(ownerAddress, objectId, value));
        }

        @Override
        public void placed(String ownerAddress, String taskId, String nodeAddress, int hops) {
            placements.add(new Placement(ownerAddress, taskId, nodeAddress, hops));
        }

        /** The first value reported for {@code objectId}, waiting for it up to ten seconds. */
        public StoredValue awaitReport(String objectId) {
            await(() -> !reportsOf(objectId).isEmpty(), "a report of object " + objectId);
            return reportsOf(objectId).get(0).value();
        }

        /** Every report of {@code objectId} so far. */
        public List<Report> reportsOf(String objectId) {
            return reports.stream().filter(r -> r.objectId().equals(objectId)).toList();
        }

        /** Every placement of task or call {@code taskId} so far. */
        public List<Placement> placementsOf(String taskId) {
            return placements.stream().filter(p -> p.taskId().equals(taskId)).toList();
        }
    }

    /**
     * An {@link ObjectResolver} whose refs resolve when the test completes them; {@link #peek} answers with
     * what the test said the owner knows (e.g. that an object is in some node's store).
     */
    public static final class StubResolver implements ObjectResolver {
        private final Map<String, CompletableFuture<StoredValue>> values = new ConcurrentHashMap<>();
        private final Map<String, StoredValue> known = new ConcurrentHashMap<>();

        /** A ref to object {@code id}, owned by {@link #OWNER}. */
        public static ObjectRef<Object> ref(String id) {
            return RayoObjectRef.arrived(id, OWNER);
        }

        /** The future the node waits on for object {@code id}; the test completes it. */
        public CompletableFuture<StoredValue> valueOf(String id) {
            return values.computeIfAbsent(id, k -> new CompletableFuture<>());
        }

        /** Makes {@link #peek} say {@code value} for object {@code id}. */
        public void know(String id, StoredValue value) {
            known.put(id, value);
        }

        @Override
        public CompletableFuture<StoredValue> resolve(ObjectRef<?> ref) {
            return valueOf(ref.id());
        }

        @Override
        public StoredValue peek(ObjectRef<?> ref) {
            return known.get(ref.id());
        }
    }
}
