package dev.rayo.runtime.scheduler;

import akka.actor.testkit.typed.FishingOutcome;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.cluster.typed.Cluster;
import dev.rayo.api.function.RayoFunc0;
import dev.rayo.api.function.RayoFunc2;
import dev.rayo.runtime.actor.TestNodeServices;
import dev.rayo.runtime.actor.TestNodeServices.StubResolver;
import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.NodeDirectory;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's scheduler, real, on a one-node cluster test kit: actors acquire and release their lifetime
 * resources in arrival order, infeasible requests fail at once, tasks run once their inputs are resolved,
 * a blocked task lends its CPUs, and a task that doesn't fit goes to the node chosen for it.
 */
class NodeSchedulerTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static ActorTestKit testKit;
    private static String selfAddress;

    /** Opened by the test; the gate task waits on it. */
    private static volatile CountDownLatch gate;
    /** Counted down by the gate task once it runs. */
    private static volatile CountDownLatch gateEntered;

    private TestNodeServices node;
    private final TestProbe<NodeDirectory.Command> directory = testKit.createTestProbe(NodeDirectory.Command.class);
    private final TestProbe<NodeScheduler.Command> otherScheduler = testKit.createTestProbe(NodeScheduler.Command.class);
    private ActorRef<NodeScheduler.Command> scheduler;

    @BeforeAll
    static void startTestKit() {
        testKit = TestNodeServices.clusterTestKit("NodeSchedulerTest");
        selfAddress = Cluster.get(testKit.system()).selfMember().address().toString();
    }

    @AfterAll
    static void stopTestKit() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void stop() {
        if (gate != null) {
            gate.countDown();
        }
        if (scheduler != null) {
            // As the runtime stops it: Stop ends the lanes, whose runners may be lingering for a next task.
            TestProbe<Boolean> stopped = testKit.createTestProbe(Boolean.class);
            scheduler.tell(new NodeScheduler.Stop(stopped.getRef()));
            stopped.receiveMessage();
            testKit.stop(scheduler);
        }
        if (node != null) {
            node.close();
        }
    }

    static int add(int a, int b) {
        return a + b;
    }

    /** Blocks the way a get does (telling its lane first), then waits at the gate. */
    static String blockAtGate() throws InterruptedException {
        dev.rayo.runtime.task.TaskContext context = dev.rayo.runtime.task.TaskContext.current().orElseThrow();
        context.blockingListener().blocked(context.taskId());
        try {
            return waitAtGate();
        } finally {
            context.blockingListener().unblocked(context.taskId());
        }
    }

    /** Opened by the test; the second gate's task waits on it. */
    private static volatile CountDownLatch secondGate;
    /** Counted down by each of a group of tasks that must all run at once. */
    private static volatile CountDownLatch allArrived;

    static String waitAtSecondGate() throws InterruptedException {
        return secondGate.await(10, TimeUnit.SECONDS) ? "opened" : "timed out";
    }

    static boolean arriveAndAwaitAll(int i) throws InterruptedException {
        allArrived.countDown();
        return allArrived.await(5, TimeUnit.SECONDS);
    }

    static String waitAtGate() throws InterruptedException {
        gateEntered.countDown();
        return gate.await(10, TimeUnit.SECONDS) ? "opened" : "timed out";
    }

    private static ResourceSet of(Object... nameAmount) {
        Map<String, Double> amounts = new java.util.HashMap<>();
        for (int i = 0; i < nameAmount.length; i += 2) {
            amounts.put((String) nameAmount[i], ((Number) nameAmount[i + 1]).doubleValue());
        }
        return ResourceSet.ofAmounts(amounts);
    }

    private static NodeInfo self(ResourceSet total) {
        return new NodeInfo(selfAddress, selfAddress.substring(selfAddress.indexOf('@') + 1), "host-self", "/dev/shm/rayo",
                total, total, List.of(), NodeInfo.NodeLoad.NONE, 0);
    }

    /** Starts a scheduler offering {@code total}, seeing {@code others} besides itself. */
    /** Limits with pipelining to depth 4 and idle lanes lingering {@code linger}. */
    private static NodeScheduler.Limits pipelining(Duration linger) {
        return new NodeScheduler.Limits(3, 2, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 0, Duration.ZERO, linger);
    }

    private ActorRef<NodeScheduler.Command> start(ResourceSet total, Duration infeasibleTimeout, NodeInfo... others) {
        return start(total, infeasibleTimeout, new NodeScheduler.Limits(3, 2, Duration.ofSeconds(1), Duration.ofSeconds(1)), others);
    }

    private ActorRef<NodeScheduler.Command> start(ResourceSet total, Duration infeasibleTimeout, NodeScheduler.Limits limits,
                                                  NodeInfo... others) {
        node = TestNodeServices.create(testKit.system(), infeasibleTimeout);
        NodeInfo self = self(total);
        ClusterView view = ClusterViews.viewOf(self, others);
        ClusterPlacement placement = new ClusterPlacement(view, self, directory.getRef(), address -> otherScheduler.getRef(),
                node.resolver(), () -> NodeInfo.NodeLoad.NONE);
        scheduler = testKit.spawn(NodeScheduler.create(node.services(), total, placement, limits));
        return scheduler;
    }

    private ActorRef<NodeScheduler.Command> start(ResourceSet total) {
        return start(total, Duration.ZERO);
    }

    private void acquire(String actorId, ResourceSet resources, TestProbe<NodeScheduler.ActorGrant> replyTo) {
        scheduler.tell(new NodeScheduler.AcquireForActor(actorId, resources, replyTo.getRef()));
    }

    private NodeScheduler.ResourceView resources() {
        TestProbe<NodeScheduler.ResourceView> probe = testKit.createTestProbe(NodeScheduler.ResourceView.class);
        scheduler.tell(new NodeScheduler.GetResources(probe.getRef()));
        return probe.receiveMessage();
    }

    private void awaitAvailable(ResourceSet expected) {
        TestNodeServices.await(() -> resources().available().equals(expected), "available resources " + expected);
    }

    private TaskSpec addTask(ResourceSet resources, TaskArg a, TaskArg b) {
        RayoFunc2<Integer, Integer, Integer> fn = NodeSchedulerTest::add;
        return node.spec(fn, resources, List.of(a, b));
    }

    private Object resultOf(TaskSpec spec) {
        return node.read(node.results().awaitReport(spec.returnIds().get(0)));
    }

    @Test
    void anActorWhoseResourcesFitIsGrantedThemWithDistinctGpuIds() {
        start(of("CPU", 4, "GPU", 2));
        TestProbe<NodeScheduler.ActorGrant> first = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        TestProbe<NodeScheduler.ActorGrant> second = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("gpu-actor-1", of("CPU", 1, "GPU", 1), first);
        NodeScheduler.ActorGrant grant = first.receiveMessage();
        assertNull(grant.infeasibleReason());
        assertEquals(of("CPU", 1, "GPU", 1), grant.allocation().resources());
        assertEquals(List.of(0), grant.allocation().gpuIds());
        acquire("gpu-actor-2", of("GPU", 1), second);
        assertEquals(List.of(1), second.receiveMessage().allocation().gpuIds());

        NodeScheduler.ResourceView view = resources();
        assertEquals(of("CPU", 4, "GPU", 2), view.total());
        assertEquals(of("CPU", 3), view.available());
    }

    @Test
    void actorsThatDoNotFitWaitForReleasesAndAreGrantedInArrivalOrder() {
        start(of("CPU", 2));
        TestProbe<NodeScheduler.ActorGrant> holder = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        TestProbe<NodeScheduler.ActorGrant> big = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        TestProbe<NodeScheduler.ActorGrant> small = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("holder", of("CPU", 2), holder);
        holder.receiveMessage();
        acquire("big", of("CPU", 2), big);
        acquire("small", of("CPU", 1), small);
        big.expectNoMessage(QUIET);
        small.expectNoMessage(Duration.ZERO);

        scheduler.tell(new NodeScheduler.ReleaseActor("not-an-actor-here"));
        scheduler.tell(new NodeScheduler.ReleaseActor("holder"));
        assertEquals(of("CPU", 2), big.receiveMessage().allocation().resources(), "the first to wait goes first");
        small.expectNoMessage(QUIET);
        assertEquals(ResourceSet.EMPTY, resources().available());

        scheduler.tell(new NodeScheduler.ReleaseActor("big"));
        assertEquals(of("CPU", 1), small.receiveMessage().allocation().resources());
        assertEquals(of("CPU", 1), resources().available());
    }

    @Test
    void anActorNoNodeCanEverHoldIsRefusedAtOnceNamingWhatItAskedAndWhatNodesOffer() {
        start(of("CPU", 2, "GPU", 1));
        TestProbe<NodeScheduler.ActorGrant> probe = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("greedy", of("CPU", 1, "GPU", 4), probe);
        NodeScheduler.ActorGrant refused = probe.receiveMessage();
        assertNull(refused.allocation());
        String reason = refused.infeasibleReason();
        assertTrue(reason.contains("{CPU=1.0, GPU=4.0}"), reason);
        assertTrue(reason.contains("={CPU=2.0, GPU=1.0}"), "what the nodes offer: " + reason);
        assertTrue(reason.contains("infeasible-timeout"), reason);
        assertEquals(of("CPU", 2, "GPU", 1), resources().available(), "nothing was taken");
    }

    @Test
    void theResourceViewAndThePublishedLoadFollowGrantsAndReleases() {
        start(of("CPU", 4, "Custom", 2));
        TestProbe<NodeScheduler.ActorGrant> probe = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        NodeInfo first = directory.expectMessageClass(NodeDirectory.Publish.class).info();
        assertEquals(of("CPU", 4, "Custom", 2), first.available(), "published when it starts");

        acquire("custom", of("CPU", 1, "Custom", 2), probe);
        probe.receiveMessage();
        assertEquals(new NodeScheduler.ResourceView(of("CPU", 4, "Custom", 2), of("CPU", 3)), resources());
        directory.fishForMessage(Duration.ofSeconds(5), "a publish of the pool after the grant",
                m -> published(m, of("CPU", 3)));

        scheduler.tell(new NodeScheduler.ReleaseActor("custom"));
        awaitAvailable(of("CPU", 4, "Custom", 2));
        directory.fishForMessage(Duration.ofSeconds(5), "a publish of the pool after the release",
                m -> published(m, of("CPU", 4, "Custom", 2)));
    }

    private static FishingOutcome published(NodeDirectory.Command m, ResourceSet available) {
        return m instanceof NodeDirectory.Publish p && p.info().available().equals(available)
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
    }

    @Test
    void aTaskWithInlineInputsRunsHereAndGivesItsResourcesBack() {
        start(of("CPU", 2));
        TaskSpec spec = addTask(of("CPU", 1), node.inline(2), node.inline(3));
        scheduler.tell(new NodeScheduler.Submit(spec));
        assertEquals(5, resultOf(spec));
        assertEquals(List.of(new TestNodeServices.Placement(TestNodeServices.OWNER, spec.taskId(), selfAddress, 0)),
                node.results().placementsOf(spec.taskId()), "the owner learns where its task is");
        awaitAvailable(of("CPU", 2));
    }

    @Test
    void aTaskWaitsForItsRefInputsThenRuns() {
        start(of("CPU", 1));
        String input = Ids.next();
        TaskSpec spec = addTask(of("CPU", 1), new TaskArg.Ref(StubResolver.ref(input)), node.inline(2));
        scheduler.tell(new NodeScheduler.Submit(spec));
        TestNodeServices.await(() -> !node.results().placementsOf(spec.taskId()).isEmpty(), "the task to be placed");
        assertEquals(List.of(), node.results().reportsOf(spec.returnIds().get(0)), "not run before its input is ready");
        assertEquals(of("CPU", 1), resources().available(), "a task waiting for inputs holds no resources");

        node.resolver().valueOf(input).complete(node.inline(40).value());
        assertEquals(42, resultOf(spec));
    }

    @Test
    void aTaskWhoseInputFailedFailsWithTheSameErrorWithoutRunning() {
        start(of("CPU", 1));
        String input = Ids.next();
        ErrorPayload cause = ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "producer", "elsewhere", "the input is gone");
        node.resolver().valueOf(input).complete(new StoredValue.Failed(cause));
        TaskSpec spec = addTask(of("CPU", 1), new TaskArg.Ref(StubResolver.ref(input)), node.inline(2));
        scheduler.tell(new NodeScheduler.Submit(spec));
        StoredValue reported = node.results().awaitReport(spec.returnIds().get(0));
        assertEquals(cause, assertInstanceOf(StoredValue.Failed.class, reported).error());
    }

    @Test
    void anInfeasibleTaskFailsAtOnceNamingItsRequest() {
        start(of("CPU", 2));
        TaskSpec spec = addTask(of("CPU", 8), node.inline(1), node.inline(1));
        scheduler.tell(new NodeScheduler.Submit(spec));
        ErrorPayload error = assertInstanceOf(StoredValue.Failed.class,
                node.results().awaitReport(spec.returnIds().get(0))).error();
        assertEquals(ErrorPayload.Kind.SYSTEM, error.kind());
        assertTrue(error.message().contains("is infeasible") && error.message().contains("{CPU=8.0}"), error.message());
    }

    @Test
    void aTaskBlockedInGetLendsItsCpusUntilItResumes() throws Exception {
        gate = new CountDownLatch(1);
        gateEntered = new CountDownLatch(1);
        start(of("CPU", 1));
        RayoFunc0<String> fn = NodeSchedulerTest::waitAtGate;
        TaskSpec spec = node.spec(fn, of("CPU", 1), List.of());
        scheduler.tell(new NodeScheduler.Submit(spec));
        assertTrue(gateEntered.await(10, TimeUnit.SECONDS), "the task runs");

        TestProbe<NodeScheduler.ActorGrant> actor = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("waits-for-a-cpu", of("CPU", 1), actor);
        actor.expectNoMessage(QUIET);
        scheduler.tell(new NodeScheduler.Blocked(spec.taskId()));
        assertEquals(of("CPU", 1), actor.receiveMessage().allocation().resources(), "the blocked task's CPU is lent");

        scheduler.tell(new NodeScheduler.Unblocked(spec.taskId()));
        assertEquals(new ResourceSet(Map.of(ResourceSet.CPU, -ResourceSet.UNIT)), resources().available(), "the resumed task takes its CPU back at once");
        gate.countDown();
        assertEquals("opened", resultOf(spec));
        awaitAvailable(ResourceSet.EMPTY);
        scheduler.tell(new NodeScheduler.ReleaseActor("waits-for-a-cpu"));
        awaitAvailable(of("CPU", 1));
    }

    @Test
    void tasksPipelinedBehindATaskThatBlocksInGetAreGivenBackAndRunMeanwhile() throws Exception {
        gate = new CountDownLatch(1);
        gateEntered = new CountDownLatch(1);
        start(of("CPU", 1), Duration.ZERO, pipelining(Duration.ofSeconds(30)));
        RayoFunc0<String> blocker = NodeSchedulerTest::blockAtGate;
        TaskSpec blocked = node.spec(blocker, of("CPU", 1), List.of());
        TaskSpec first = addTask(of("CPU", 1), node.inline(1), node.inline(2));
        TaskSpec second = addTask(of("CPU", 1), node.inline(3), node.inline(4));
        // The blocker's lane holds the only CPU: the two tasks queue in it behind the blocker (pipelining).
        // Were they kept there, the blocker (waiting, as a get might, for them) would never resume.
        scheduler.tell(new NodeScheduler.Submit(blocked));
        scheduler.tell(new NodeScheduler.Submit(first));
        scheduler.tell(new NodeScheduler.Submit(second));
        assertTrue(gateEntered.await(10, TimeUnit.SECONDS), "the blocker runs");
        assertEquals(3, resultOf(first), "a task queued behind the blocked one runs on its lent CPU");
        assertEquals(7, resultOf(second));
        assertEquals(1, gate.getCount(), "the blocker is still blocked");
        gate.countDown();
        assertEquals("opened", resultOf(blocked));
    }

    @Test
    void anIdleLaneGivesItsResourcesAtOnceToARequestOfAnotherShape() {
        // Idle lanes linger an hour here: only being ended for the request can free the CPU it needs.
        start(of("CPU", 2), Duration.ZERO, pipelining(Duration.ofHours(1)));
        TaskSpec small = addTask(of("CPU", 1), node.inline(2), node.inline(3));
        scheduler.tell(new NodeScheduler.Submit(small));
        assertEquals(5, resultOf(small));
        TaskSpec sameShape = addTask(of("CPU", 1), node.inline(4), node.inline(5));
        scheduler.tell(new NodeScheduler.Submit(sameShape));
        assertEquals(9, resultOf(sameShape), "a task of the idle lane's shape runs in it");

        TestProbe<NodeScheduler.ActorGrant> actor = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("needs-both-cpus", of("CPU", 2), actor);
        assertEquals(of("CPU", 2), actor.receiveMessage(Duration.ofSeconds(10)).allocation().resources());
        TaskSpec big = addTask(of("CPU", 2), node.inline(1), node.inline(1));
        scheduler.tell(new NodeScheduler.ReleaseActor("needs-both-cpus"));
        scheduler.tell(new NodeScheduler.Submit(big));
        assertEquals(2, resultOf(big));
        awaitAvailable(ResourceSet.EMPTY);
        TaskSpec other = addTask(of("CPU", 1), node.inline(1), node.inline(2));
        scheduler.tell(new NodeScheduler.Submit(other));
        assertEquals(3, resultOf(other), "the 2-CPU lane, idle, is ended for a 1-CPU task");
    }

    @Test
    void tasksPipelineOnlyOnceEveryResourceIsHeldByBusyLanes() {
        // A 1-CPU lane lingers an hour once idle; twenty 0.1-CPU tasks that wait for each other then need its CPU
        // too: were the later ones pipelined behind the first ten instead, they would never all run at once.
        start(of("CPU", 2), Duration.ZERO, pipelining(Duration.ofHours(1)));
        TaskSpec whole = addTask(of("CPU", 1), node.inline(1), node.inline(1));
        scheduler.tell(new NodeScheduler.Submit(whole));
        assertEquals(2, resultOf(whole));
        allArrived = new CountDownLatch(20);
        List<TaskSpec> tenths = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            dev.rayo.api.function.RayoFunc1<Integer, Boolean> fn = NodeSchedulerTest::arriveAndAwaitAll;
            tenths.add(node.spec(fn, of("CPU", 0.1), List.of(node.inline(i))));
        }
        tenths.forEach(t -> scheduler.tell(new NodeScheduler.Submit(t)));
        for (TaskSpec t : tenths) {
            assertEquals(true, resultOf(t), "all twenty ran at the same time");
        }
    }

    @Test
    void aLaneThatGoesIdleTakesOverATaskQueuedBehindAnotherLanesLongTask() throws Exception {
        gate = new CountDownLatch(1);
        gateEntered = new CountDownLatch(1);
        secondGate = new CountDownLatch(1);
        start(of("CPU", 2), Duration.ZERO, pipelining(Duration.ofSeconds(30)));
        RayoFunc0<String> longOne = NodeSchedulerTest::waitAtGate;
        RayoFunc0<String> shorter = NodeSchedulerTest::waitAtSecondGate;
        TaskSpec first = node.spec(longOne, of("CPU", 1), List.of());
        TaskSpec second = node.spec(shorter, of("CPU", 1), List.of());
        TaskSpec queued = addTask(of("CPU", 1), node.inline(20), node.inline(22));
        scheduler.tell(new NodeScheduler.Submit(first));
        assertTrue(gateEntered.await(10, TimeUnit.SECONDS), "the long task runs");
        scheduler.tell(new NodeScheduler.Submit(second));
        scheduler.tell(new NodeScheduler.Submit(queued));
        secondGate.countDown();
        assertEquals("opened", resultOf(second));
        assertEquals(42, resultOf(queued), "the task queued behind the long one runs in the lane that went idle");
        assertEquals(1, gate.getCount(), "while the long task still waits");
        gate.countDown();
        assertEquals("opened", resultOf(first));
    }

    @Test
    void aTaskThatDoesNotFitHereGoesToTheChosenNodeUntilItsHopsRunOut() {
        NodeInfo roomy = ClusterViews.node("10.0.0.9", of("CPU", 8), of("CPU", 8));
        start(of("CPU", 1), Duration.ZERO, roomy);
        TestProbe<NodeScheduler.ActorGrant> holder = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("holds-the-cpu", of("CPU", 1), holder);
        holder.receiveMessage();

        TaskSpec spilled = addTask(of("CPU", 1), node.inline(1), node.inline(2));
        scheduler.tell(new NodeScheduler.Submit(spilled));
        NodeScheduler.Submit forwarded = otherScheduler.expectMessageClass(NodeScheduler.Submit.class);
        assertSame(spilled, forwarded.spec());
        assertEquals(1, forwarded.hops());
        assertEquals(List.of(new TestNodeServices.Placement(TestNodeServices.OWNER, spilled.taskId(), roomy.address(), 1)),
                node.results().placementsOf(spilled.taskId()));

        TaskSpec stays = addTask(of("CPU", 1), node.inline(1), node.inline(2));
        scheduler.tell(new NodeScheduler.Submit(stays, 3));
        otherScheduler.expectNoMessage(QUIET);
        assertEquals(List.of(), node.results().placementsOf(stays.taskId()),
                "out of hops: it queues here, which the scheduler that spilled it here already told the owner");
        scheduler.tell(new NodeScheduler.ReleaseActor("holds-the-cpu"));
        assertEquals(3, resultOf(stays));
    }

    @Test
    void tasksSpilledWhileHandlingOneMessageLeaveAsOneBatch() {
        NodeInfo roomy = ClusterViews.node("10.0.0.9", of("CPU", 8), of("CPU", 8));
        start(of("CPU", 1), Duration.ZERO, roomy);
        TestProbe<NodeScheduler.ActorGrant> holder = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("holds-the-cpu", of("CPU", 1), holder);
        holder.receiveMessage();

        List<NodeScheduler.Submit> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(new NodeScheduler.Submit(addTask(of("CPU", 1), node.inline(i), node.inline(1))));
        }
        scheduler.tell(new NodeScheduler.SubmitBatch(burst));
        NodeScheduler.SubmitBatch forwarded = otherScheduler.expectMessageClass(NodeScheduler.SubmitBatch.class);
        assertEquals(burst.stream().map(b -> b.spec().taskId()).toList(),
                forwarded.submits().stream().map(b -> b.spec().taskId()).toList(), "one message carries all five");
        forwarded.submits().forEach(f -> assertEquals(1, f.hops()));
        otherScheduler.expectNoMessage(QUIET);
        for (NodeScheduler.Submit b : burst) {
            assertEquals(List.of(new TestNodeServices.Placement(TestNodeServices.OWNER, b.spec().taskId(), roomy.address(), 1)),
                    node.results().placementsOf(b.spec().taskId()));
        }
    }

    @Test
    void everyTaskOfABatchSpilledHereRuns() {
        start(of("CPU", 2));
        List<TaskSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            specs.add(addTask(of("CPU", 1), node.inline(i), node.inline(10)));
        }
        scheduler.tell(new NodeScheduler.SubmitBatch(specs.stream().map(s -> new NodeScheduler.Submit(s, 1)).toList()));
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 10, resultOf(specs.get(i)));
        }
        awaitAvailable(of("CPU", 2));
    }

    @Test
    void withAnInfeasibleTimeoutAnActorNoNodeCanHoldIsRefusedOnceItRunsOut() {
        start(of("CPU", 2), Duration.ofMillis(500));
        TestProbe<NodeScheduler.ActorGrant> probe = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("waits-for-a-gpu-node", of("GPU", 1), probe);
        probe.expectNoMessage(Duration.ofMillis(200));
        NodeScheduler.ActorGrant refused = probe.receiveMessage(Duration.ofSeconds(5));
        assertNull(refused.allocation());
        assertTrue(refused.infeasibleReason().contains("infeasible-timeout=PT0.5S"), refused.infeasibleReason());
    }

    @Test
    void anActorInfeasibleHereButFeasibleElsewhereStillExpires() {
        start(of("CPU", 2), Duration.ofSeconds(2), ClusterViews.node("10.0.0.9", of("GPU", 4), of("GPU", 4)));
        TestProbe<NodeScheduler.ActorGrant> probe = testKit.createTestProbe(NodeScheduler.ActorGrant.class);
        acquire("gpu-actor", of("GPU", 1), probe);
        assertNull(probe.receiveMessage(Duration.ofSeconds(6)).allocation(), "refused once the timeout ran out");
    }
}
