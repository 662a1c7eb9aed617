package dev.rayo.runtime.actor;

import dev.rayo.runtime.config.RuntimeTuning;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import dev.rayo.api.function.RayoFunc1;
import dev.rayo.api.function.RayoFunc2;
import dev.rayo.runtime.actor.TestNodeServices.StubResolver;
import dev.rayo.runtime.scheduler.NodeScheduler;
import dev.rayo.runtime.task.TaskContext;
import dev.rayo.runtime.wire.ActorSpec;
import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One actor entity, spawned directly (not through sharding) on a one-node cluster, with a probe standing in
 * for the node's scheduler: it asks for its resources, builds its instance once granted, runs calls in
 * order, and fails every call once dead, however it died.
 */
class ActorHostTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final ResourceSet ONE_CPU = ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 1.0));
    private static ActorTestKit testKit;
    private static ActorDirectory directory;
    private static ActorTable table;

    private TestNodeServices node;
    private final LocalActors local = new LocalActors();
    private final TestProbe<NodeScheduler.Command> scheduler = testKit.createTestProbe(NodeScheduler.Command.class);
    private final String actorId = Ids.next();
    private ActorRef<ActorHost.Command> host;

    /** The actor under test: counts from where it was built. */
    public static final class Tally {
        private int count;

        public Tally(int start) {
            count = start;
        }

        /** Never builds: its constructor throws. */
        public static Tally broken(int start) {
            throw new IllegalStateException("no tally from " + start);
        }

        public int increment() {
            return ++count;
        }

        public int add(int n) {
            count += n;
            return count;
        }

        public ArrayList<Integer> gpus() {
            return new ArrayList<>(TaskContext.current().orElseThrow().gpuIds());
        }
    }

    @BeforeAll
    static void startTestKit() {
        testKit = TestNodeServices.clusterTestKit("ActorHostTest");
        RuntimeTuning tuning = RuntimeTuning.defaults();
        directory = new ActorDirectory(testKit.system(), tuning.directoryTimeout(), tuning.directoryMajorityTimeout());
        table = new ActorTable(testKit.system(), tuning.tableMajorityTimeout());
    }

    @AfterAll
    static void stopTestKit() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void spawn() {
        node = TestNodeServices.create(testKit.system(), Duration.ZERO);
        host = testKit.spawn(ActorHost.create(actorId, node.services(), scheduler.getRef(), directory, table, local,
                new ActorHost.Timing(Duration.ofMinutes(1), 1)));
    }

    @AfterEach
    void stop() {
        testKit.stop(host);
        node.close();
    }

    private ActorSpec tally(int start, ResourceSet resources) {
        RayoFunc1<Integer, Tally> constructor = Tally::new;
        return node.actorSpec(actorId, Tally.class.getName(), constructor, resources, node.inlineArgs(start));
    }

    private TaskSpec increment() {
        RayoFunc1<Tally, Integer> fn = Tally::increment;
        return call(fn, List.of());
    }

    private TaskSpec add(TaskArg n) {
        RayoFunc2<Tally, Integer, Integer> fn = Tally::add;
        return call(fn, List.of(n));
    }

    private TaskSpec call(Serializable fn, List<TaskArg> args) {
        return node.spec(fn, ResourceSet.EMPTY, args);
    }

    /** Sends Create and expects the scheduler to be asked for the actor's resources. */
    private NodeScheduler.AcquireForActor create(ActorSpec spec) {
        host.tell(new ActorHost.Create(spec));
        NodeScheduler.AcquireForActor acquire = scheduler.expectMessageClass(NodeScheduler.AcquireForActor.class);
        assertEquals(actorId, acquire.actorId());
        assertEquals(spec.resources(), acquire.resources());
        return acquire;
    }

    /** A started actor counting from {@code start}, holding one CPU. */
    private void started(int start) {
        grant(create(tally(start, ONE_CPU)), new Allocation(ONE_CPU, List.of()));
        // The constructor runs on the actor's own thread; the entity registers the actor once it returned.
        TestNodeServices.await(() -> local.find(actorId) != null, "the actor built");
    }

    private static void grant(NodeScheduler.AcquireForActor acquire, Allocation allocation) {
        acquire.replyTo().tell(new NodeScheduler.ActorGrant(allocation, null));
    }

    private void send(TaskSpec call) {
        host.tell(new ActorHost.Call(call));
    }

    private Object resultOf(TaskSpec call) {
        return node.read(node.results().awaitReport(call.returnIds().get(0)));
    }

    private List<TestNodeServices.Report> reportsOf(TaskSpec call) {
        return node.results().reportsOf(call.returnIds().get(0));
    }

    /** The actor error {@code call} failed with. */
    private String actorErrorOf(TaskSpec call) {
        ErrorPayload error = assertInstanceOf(StoredValue.Failed.class, node.results().awaitReport(call.returnIds().get(0))).error();
        assertEquals(ErrorPayload.Kind.ACTOR, error.kind(), error.toString());
        return error.message();
    }

    private void expectRelease() {
        assertEquals(new NodeScheduler.ReleaseActor(actorId), scheduler.expectMessageClass(NodeScheduler.ReleaseActor.class));
    }

    @Test
    void createAsksForTheSpecsResourcesAndCallsRunOnTheInstanceWithItsGpus() {
        ResourceSet withGpu = ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 1.0, ResourceSet.GPU, 1.0));
        grant(create(tally(10, withGpu)), new Allocation(withGpu, List.of(3)));
        TaskSpec first = increment();
        send(first);
        assertEquals(11, resultOf(first));
        assertEquals(List.of(new TestNodeServices.Placement(TestNodeServices.OWNER, first.taskId(),
                node.services().nodeAddress(), 0)), node.results().placementsOf(first.taskId()), "the call is acknowledged");
        TaskSpec second = add(node.inline(5));
        send(second);
        assertEquals(16, resultOf(second));
        TaskSpec gpus = call((RayoFunc1<Tally, ArrayList<Integer>>) Tally::gpus, List.of());
        send(gpus);
        assertEquals(List.of(3), resultOf(gpus), "calls see the GPUs granted to the actor");

        assertEquals(1, node.services().liveActors().get());
        assertEquals(host, local.find(actorId), "callers on this node may call it directly");
    }

    @Test
    void aCallThatArrivesBeforeCreateWaitsForTheInstance() {
        TaskSpec early = increment();
        send(early);
        TestNodeServices.await(() -> !node.results().placementsOf(early.taskId()).isEmpty(), "the early call's acknowledgement");
        scheduler.expectNoMessage(QUIET);
        assertEquals(List.of(), reportsOf(early));

        started(41);
        assertEquals(42, resultOf(early));
    }

    @Test
    void callsRunInArrivalOrderWhileTheHeadWaitsForItsInput() {
        started(10);
        String input = Ids.next();
        TaskSpec waits = add(new TaskArg.Ref(StubResolver.ref(input)));
        TaskSpec behind = increment();
        send(waits);
        send(behind);
        TestNodeServices.await(() -> !node.results().placementsOf(behind.taskId()).isEmpty(), "the second call's acknowledgement");
        assertEquals(List.of(), reportsOf(behind), "the call behind doesn't overtake the one waiting for its input");

        node.resolver().valueOf(input).complete(node.inline(5).value());
        assertEquals(15, resultOf(waits));
        assertEquals(16, resultOf(behind));
    }

    @Test
    void killFailsQueuedAndLaterCallsWithAnActorErrorAndReleasesTheResources() {
        started(0);
        TaskSpec ran = increment();
        send(ran);
        assertEquals(1, resultOf(ran));
        TaskSpec resolving = add(new TaskArg.Ref(StubResolver.ref(Ids.next())));
        TaskSpec queued = increment();
        send(resolving);
        send(queued);
        host.tell(new ActorHost.Kill("it was killed"));
        expectRelease();

        String message = actorErrorOf(queued);
        assertTrue(message.contains(Tally.class.getName()) && message.contains("is dead: it was killed"), message);
        assertEquals(message, actorErrorOf(resolving), "the call whose input was being resolved fails too");
        TaskSpec later = increment();
        send(later);
        assertEquals(message, actorErrorOf(later));
        assertEquals(0, node.services().liveActors().get());
        assertNull(local.find(actorId));
        scheduler.expectNoMessage(QUIET);
        assertEquals(1, reportsOf(queued).size(), "failed once");
    }

    @Test
    void aKillBeforeTheGrantFailsTheQueuedCallsAndTheLateGrantIsGivenBack() {
        NodeScheduler.AcquireForActor acquire = create(tally(0, ONE_CPU));
        TaskSpec queued = increment();
        send(queued);
        host.tell(new ActorHost.Kill("it was killed"));
        assertTrue(actorErrorOf(queued).contains("is dead: it was killed"));
        scheduler.expectNoMessage(QUIET);

        grant(acquire, new Allocation(ONE_CPU, List.of()));
        expectRelease();
        assertEquals(0, node.services().liveActors().get(), "never started");
    }

    @Test
    void aGrantWithoutAllocationMakesTheActorDeadBecauseItCantBePlaced() {
        NodeScheduler.AcquireForActor acquire = create(tally(0, ONE_CPU));
        TaskSpec queued = increment();
        send(queued);
        acquire.replyTo().tell(new NodeScheduler.ActorGrant(null, "no node offers {GPU=4.0}"));
        String message = actorErrorOf(queued);
        assertTrue(message.contains("can't be placed: no node offers {GPU=4.0}"), message);
        TaskSpec later = increment();
        send(later);
        assertEquals(message, actorErrorOf(later));
        scheduler.expectNoMessage(QUIET);
        assertNull(local.find(actorId));
    }

    @Test
    void aConstructorThatThrowsMakesTheActorDeadAndGivesItsResourcesBack() {
        RayoFunc1<Integer, Tally> broken = Tally::broken;
        ActorSpec spec = node.actorSpec(actorId, Tally.class.getName(), broken, ONE_CPU, node.inlineArgs(7));
        TaskSpec queued = increment();
        send(queued);
        grant(create(spec), new Allocation(ONE_CPU, List.of()));
        expectRelease();
        String message = actorErrorOf(queued);
        assertTrue(message.contains("its constructor threw") && message.contains("no tally from 7"), message);
        assertEquals(0, node.services().liveActors().get());
    }

    @Test
    void aFailedConstructorInputMakesTheActorDeadWithoutAskingForResources() {
        String input = Ids.next();
        node.resolver().valueOf(input).complete(new StoredValue.Failed(
                ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "producer", "elsewhere", "the start value is gone")));
        RayoFunc1<Integer, Tally> constructor = Tally::new;
        host.tell(new ActorHost.Create(node.actorSpec(actorId, Tally.class.getName(), constructor, ONE_CPU,
                List.of(new TaskArg.Ref(StubResolver.ref(input))))));
        TaskSpec call = increment();
        send(call);
        String message = actorErrorOf(call);
        assertTrue(message.contains("its constructor input failed: the start value is gone"), message);
        scheduler.expectNoMessage(QUIET);
    }

    @Test
    void aCallDeliveredTwiceRunsOnceAndIsAcknowledgedEachTime() {
        started(10);
        TaskSpec twice = increment();
        send(twice);
        send(twice);
        TaskSpec next = increment();
        send(next);
        assertEquals(12, resultOf(next), "the copy did not run");
        assertEquals(1, reportsOf(twice).size());
        assertEquals(11, node.read(reportsOf(twice).get(0).value()));
        assertEquals(2, node.results().placementsOf(twice.taskId()).size(),
                "a resent copy is acknowledged again, so its caller stops resending");
    }

    @Test
    void aCancelledCallIsDroppedWhetherItComesLaterOrIsAlreadyQueued() {
        NodeScheduler.AcquireForActor acquire = create(tally(0, ONE_CPU));
        TaskSpec queuedThenCancelled = increment();
        send(queuedThenCancelled);
        host.tell(new ActorHost.Cancel(queuedThenCancelled.taskId()));
        grant(acquire, new Allocation(ONE_CPU, List.of()));

        TaskSpec cancelledFirst = increment();
        host.tell(new ActorHost.Cancel(cancelledFirst.taskId()));
        send(cancelledFirst);
        TaskSpec kept = increment();
        send(kept);
        assertEquals(1, resultOf(kept), "neither cancelled call ran");
        assertEquals(List.of(), reportsOf(queuedThenCancelled));
        assertEquals(List.of(), reportsOf(cancelledFirst));
        assertEquals(List.of(), node.results().placementsOf(cancelledFirst.taskId()), "a dropped call is not acknowledged");
    }

    @Test
    void cancellingTheHeadWhileItsInputResolvesLetsTheNextCallRunWithItsOwnArguments() {
        started(10);
        String input = Ids.next();
        TaskSpec cancelled = add(new TaskArg.Ref(StubResolver.ref(input)));
        TaskSpec next = add(node.inlineArgs(100).get(0));
        send(cancelled);
        send(next);
        TestNodeServices.await(() -> !node.results().placementsOf(next.taskId()).isEmpty(), "the second call's acknowledgement");
        host.tell(new ActorHost.Cancel(cancelled.taskId()));
        node.resolver().valueOf(input).complete(node.inline(5).value());
        assertEquals(110, resultOf(next), "the next call ran with its own argument, not the cancelled call's");
        assertEquals(List.of(), reportsOf(cancelled));
    }

    @Test
    void aLateCopyOfACallCancelledAfterTheActorDiedIsDroppedSilently() {
        started(0);
        host.tell(new ActorHost.Kill("it was killed"));
        expectRelease();
        TaskSpec late = increment();
        host.tell(new ActorHost.Cancel(late.taskId()));
        send(late);
        TaskSpec after = increment();
        send(after);
        assertTrue(actorErrorOf(after).contains("is dead"));
        assertEquals(List.of(), reportsOf(late), "the cancelled copy is neither answered nor acknowledged");
        assertEquals(List.of(), node.results().placementsOf(late.taskId()));
    }

    @Test
    void anActorStoppedWithItsNodeGivesBackItsResourcesAndFailsWhatWasQueued() {
        started(0);
        TaskSpec resolving = add(new TaskArg.Ref(StubResolver.ref(Ids.next())));
        send(resolving);
        TestNodeServices.await(() -> !node.results().placementsOf(resolving.taskId()).isEmpty(), "the call's acknowledgement");
        assertEquals(1, node.services().liveActors().get());

        testKit.stop(host);
        expectRelease();
        assertTrue(actorErrorOf(resolving).contains("is dead: its node is shutting down"));
        assertEquals(0, node.services().liveActors().get());
        assertNull(local.find(actorId));
    }
}
