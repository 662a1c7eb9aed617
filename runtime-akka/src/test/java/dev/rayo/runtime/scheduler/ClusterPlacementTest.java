package dev.rayo.runtime.scheduler;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import dev.rayo.runtime.actor.TestNodeServices;
import dev.rayo.runtime.actor.TestNodeServices.StubResolver;
import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.NodeDirectory;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a task goes: here when it fits, else to the holder of its large inputs, else to the node with most free CPUs. */
class ClusterPlacementTest {
    private static ActorTestKit testKit;

    private TestProbe<NodeDirectory.Command> directory;
    private final Map<String, TestProbe<NodeScheduler.Command>> schedulers = new HashMap<>();
    private final StubResolver resolver = new StubResolver();
    private NodeInfo.NodeLoad load = NodeInfo.NodeLoad.NONE;

    private static final ResourceSet ONE_CPU = cpus(1);

    @BeforeAll
    static void startTestKit() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void stopTestKit() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void probes() {
        directory = testKit.createTestProbe(NodeDirectory.Command.class);
    }

    /** {@code n} CPUs in units: free amounts may be fractions above one (1.5 CPUs left after half-CPU tasks). */
    private static ResourceSet cpus(double n) {
        return new ResourceSet(Map.of(ResourceSet.CPU, Math.round(n * ResourceSet.UNIT)));
    }

    private static NodeInfo node(String host, double totalCpus, double freeCpus) {
        return ClusterViews.node(host, cpus(totalCpus), cpus(freeCpus));
    }

    private ClusterPlacement placement(ClusterView view) {
        NodeInfo self = view.node(view.selfAddress()).orElseThrow();
        return new ClusterPlacement(view, self, directory.getRef(),
                address -> schedulers.computeIfAbsent(address, a -> testKit.createTestProbe(NodeScheduler.Command.class)).getRef(),
                resolver, () -> load);
    }

    private static TaskSpec task(ResourceSet request, TaskArg... args) {
        return new TaskSpec(Ids.next(), "t", new byte[0], List.of(args), request, List.of(Ids.next()),
                TestNodeServices.OWNER, 0, false, 0);
    }

    /** A ref argument whose object {@code sizeBytes} large lies in the store of {@code holder}. */
    private TaskArg storedOn(NodeInfo holder, long sizeBytes) {
        String id = Ids.next();
        resolver.know(id, new StoredValue.InStore(id, holder.address(), sizeBytes));
        return new TaskArg.Ref(StubResolver.ref(id));
    }

    private static double freeCpus(ClusterView view, NodeInfo node) {
        return view.node(node.address()).orElseThrow().available().get(ResourceSet.CPU) / (double) ResourceSet.UNIT;
    }

    @Test
    void aTaskThatFitsHereStaysHereAndReservesNothingElsewhere() {
        NodeInfo self = node("10.0.0.1", 4, 4);
        NodeInfo big = node("10.0.0.2", 16, 16);
        ClusterView view = ClusterViews.viewOf(self, big);
        assertNull(placement(view).choose(task(ONE_CPU), true, true));
        assertEquals(16.0, freeCpus(view, big));
    }

    @Test
    void aTaskWithoutRoomHereSpillsToTheNodeWithTheMostFreeCpusThatFitsIt() {
        ResourceSet gpuTask = ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 1.0, ResourceSet.GPU, 1.0));
        ResourceSet withGpu = ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 8.0, ResourceSet.GPU, 1.0));
        NodeInfo self = node("10.0.0.1", 4, 0);
        NodeInfo fewCpus = ClusterViews.node("10.0.0.2", withGpu,
                ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 2.0, ResourceSet.GPU, 1.0)));
        NodeInfo moreCpus = ClusterViews.node("10.0.0.3", withGpu,
                ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 6.0, ResourceSet.GPU, 1.0)));
        NodeInfo mostCpusNoGpu = node("10.0.0.4", 32, 32);
        ClusterView view = ClusterViews.viewOf(self, fewCpus, moreCpus, mostCpusNoGpu);

        assertEquals(moreCpus.address(), placement(view).choose(task(gpuTask), true, false));
        assertEquals(ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 5.0)),
                view.node(moreCpus.address()).orElseThrow().available(), "what was sent is reserved until its next report");
    }

    @Test
    void reservationsSpreadABurstOfSpilledTasks() {
        NodeInfo self = node("10.0.0.1", 4, 0);
        NodeInfo a = node("10.0.0.2", 8, 4);
        NodeInfo b = node("10.0.0.3", 8, 5);
        ClusterView view = ClusterViews.viewOf(self, a, b);
        ClusterPlacement placement = placement(view);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chosen.add(placement.choose(task(cpus(2)), true, false));
        }
        assertEquals(List.of(b.address(), a.address(), b.address(), a.address()), chosen);
        assertEquals(0.0, freeCpus(view, a));
        assertEquals(1.0, freeCpus(view, b));
    }

    @Test
    void theNodeHoldingMostInputBytesTakesTheTaskWhenItHasRoom() {
        NodeInfo self = node("10.0.0.1", 4, 0);
        NodeInfo holder = node("10.0.0.2", 4, 1);
        NodeInfo other = node("10.0.0.3", 16, 12);
        ClusterView view = ClusterViews.viewOf(self, holder, other);
        TaskSpec spec = task(ONE_CPU, storedOn(holder, 3_000_000), storedOn(other, 5_000_000),
                storedOn(holder, 3_000_000), new TaskArg.Value(new StoredValue.Inline(1, new byte[64])));
        assertEquals(holder.address(), placement(view).choose(spec, true, false),
                "6 MB of its inputs are there, against 5 MB on the node with more free CPUs");
        assertEquals(0.0, freeCpus(view, holder));
    }

    @Test
    void aHolderWithoutRoomLosesTheTaskToTheNodeWithMostFreeCpus() {
        NodeInfo self = node("10.0.0.1", 4, 0);
        NodeInfo holder = node("10.0.0.2", 4, 0);
        NodeInfo some = node("10.0.0.3", 8, 3);
        NodeInfo most = node("10.0.0.4", 8, 6);
        ClusterView view = ClusterViews.viewOf(self, holder, some, most);
        assertEquals(most.address(), placement(view).choose(task(ONE_CPU, storedOn(holder, 1 << 30)), true, false));
        assertEquals(0.0, freeCpus(view, holder), "nothing reserved on the holder");
    }

    @Test
    void inputsHeldHereKeepATaskThatFitsHereAndDoNotHoldBackOneThatDoesNot() {
        NodeInfo self = node("10.0.0.1", 4, 2);
        NodeInfo other = node("10.0.0.2", 16, 16);
        ClusterView view = ClusterViews.viewOf(self, other);
        ClusterPlacement placement = placement(view);
        assertNull(placement.choose(task(ONE_CPU, storedOn(self, 1 << 30)), true, true));
        assertEquals(other.address(), placement.choose(task(ONE_CPU, storedOn(self, 1 << 30)), true, false));
    }

    @Test
    void refsWhoseValueIsInlineOrUnknownDoNotMoveATask() {
        NodeInfo self = node("10.0.0.1", 4, 4);
        NodeInfo other = node("10.0.0.2", 16, 16);
        ClusterView view = ClusterViews.viewOf(self, other);
        String inline = Ids.next();
        resolver.know(inline, new StoredValue.Inline(1, new byte[8]));
        TaskSpec spec = task(ONE_CPU, new TaskArg.Ref(StubResolver.ref(inline)), new TaskArg.Ref(StubResolver.ref(Ids.next())));
        assertNull(placement(view).choose(spec, true, true));
    }

    @Test
    void aHolderOrNodeThatIsUnknownOrUnreachableIsNeverChosen() {
        NodeInfo self = node("10.0.0.1", 4, 0);
        NodeInfo reachable = node("10.0.0.2", 8, 2);
        NodeInfo unreachable = node("10.0.0.3", 8, 8);
        NodeInfo neverSeen = node("10.0.0.4", 8, 8);
        ClusterView view = ClusterViews.viewOf(self, reachable, unreachable);
        ClusterPlacement placement = placement(view);
        assertEquals(unreachable.address(), placement.choose(task(ONE_CPU), true, false), "while it is a live member");

        // The directory drops a node that is no longer up and reachable, even while gossip still lists it.
        ClusterViews.gossip(view, Set.of(self.address(), reachable.address()), reachable, unreachable);
        assertTrue(view.node(unreachable.address()).isEmpty());
        assertEquals(reachable.address(), placement.choose(task(ONE_CPU, storedOn(unreachable, 1 << 30)), true, false));
        assertEquals(reachable.address(), placement.choose(task(ONE_CPU, storedOn(neverSeen, 1 << 30)), true, false));
    }

    @Test
    void whenNoNodeHasRoomATaskFeasibleHereQueuesHereAndOtherwiseGoesWhereItCouldEverRun() {
        NodeInfo self = node("10.0.0.1", 4, 0);
        NodeInfo busyBig = node("10.0.0.2", 8, 1);
        NodeInfo busyBigger = node("10.0.0.3", 8, 1.5);
        NodeInfo tooSmall = node("10.0.0.4", 3, 3);
        ClusterView view = ClusterViews.viewOf(self, busyBig, busyBigger, tooSmall);
        ClusterPlacement placement = placement(view);
        assertNull(placement.choose(task(cpus(4)), true, false), "it fits here once work here finishes");
        assertEquals(1.5, freeCpus(view, busyBigger), "queued here: nothing reserved");

        assertEquals(busyBigger.address(), placement.choose(task(cpus(4)), false, false),
                "never here, busy everywhere: of the nodes that could ever take it, the one with the most free CPUs");
        assertEquals(-2.5, freeCpus(view, busyBigger), "reserved even though it must queue there");
        assertNull(placement.choose(task(cpus(16)), false, false), "no node could ever take it: it fails here");
    }

    @Test
    void feasibilityAndTotalsCoverEveryNodeThisOneIncluded() {
        NodeInfo self = ClusterViews.node("10.0.0.1", ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 4.0, ResourceSet.GPU, 1.0)),
                ResourceSet.EMPTY);
        NodeInfo other = ClusterViews.node("10.0.0.2", ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 8.0, "Custom", 2.0)),
                ResourceSet.EMPTY);
        ClusterView view = ClusterViews.viewOf(self, other);
        ClusterPlacement placement = placement(view);
        assertTrue(placement.anyFeasible(ResourceSet.ofAmounts(Map.of(ResourceSet.GPU, 1.0))), "this node has the GPU");
        assertTrue(placement.anyFeasible(ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 8.0, "Custom", 2.0))));
        assertFalse(placement.anyFeasible(ResourceSet.ofAmounts(Map.of(ResourceSet.GPU, 2.0))));
        assertFalse(placement.anyFeasible(ResourceSet.ofAmounts(Map.of(ResourceSet.GPU, 1.0, "Custom", 1.0))),
                "each part exists, but on different nodes");

        String totals = placement.describeTotals();
        assertTrue(totals.startsWith("[") && totals.endsWith("]"), totals);
        assertTrue(totals.contains("10.0.0.1:2552={CPU=4.0, GPU=1.0}"), totals);
        assertTrue(totals.contains("10.0.0.2:2552={CPU=8.0, Custom=2.0}"), totals);
    }

    @Test
    void publishingTellsTheDirectoryThisNodesPoolAndLoad() {
        NodeInfo self = node("10.0.0.1", 0, 0);
        ClusterPlacement placement = placement(ClusterViews.viewOf(self));
        ResourcePool pool = new ResourcePool(cpus(4));
        pool.tryAcquire(cpus(3));
        load = new NodeInfo.NodeLoad(100, 1000, 7, 2);
        placement.publish(pool);
        NodeInfo published = directory.expectMessageClass(NodeDirectory.Publish.class).info();
        assertEquals(self.address(), published.address());
        assertEquals(self.nodeId(), published.nodeId());
        assertEquals(cpus(4), published.total());
        assertEquals(cpus(1), published.available());
        assertSame(load, published.load());
        assertEquals(self.address(), placement.selfAddress());
    }

    @Test
    void aSpilledTaskIsForwardedToTheChosenNodesScheduler() {
        NodeInfo self = node("10.0.0.1", 1, 0);
        NodeInfo other = node("10.0.0.2", 4, 4);
        ClusterPlacement placement = placement(ClusterViews.viewOf(self, other));
        NodeScheduler.Submit submit = new NodeScheduler.Submit(task(ONE_CPU), 1);
        placement.forward(other.address(), submit);
        assertSame(submit, schedulers.get(other.address()).expectMessageClass(NodeScheduler.Submit.class));
    }
}
