package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.RuntimeContext;
import dev.rayo.api.WaitResult;
import dev.rayo.api.function.RayoFunc1;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.state.ObjectRow;
import dev.rayo.runtime.state.StateChange;
import dev.rayo.runtime.state.TaskDetail;
import dev.rayo.runtime.state.TaskRow;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed material's examples on the embedded one-node cluster. */
class CoreApiTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(
            RayoConfig.builder().numCpus(4).numGpus(2).resource("Custom", 2).build());

    @Test
    void remoteFunctionGivesTheSameResultAsTheRegularOne() {
        assertEquals(Fns.f(1), Rayo.get(Rayo.task(Fns::f, 1).remote()));
        assertEquals("hello", Rayo.task(Fns::hello).remote().get());
        assertNull(Rayo.get(Rayo.task(Fns::log, "hi").remote()));
    }

    @Test
    void everyArityAndRefCombinationRuns() {
        ObjectRef<Integer> one = Rayo.put(1);
        ObjectRef<Integer> three = Rayo.put(3);
        assertEquals(21, Rayo.get(Rayo.task(Fns::sum6, 1, 2, 3, 4, 5, 6).remote()));
        assertEquals(21, Rayo.get(Rayo.task(Fns::sum6, one, 2, three, 4, 5, 6).remote()));
        assertEquals(21, Rayo.get(Rayo.task(Fns::sum6, Rayo.put(1), Rayo.put(2), Rayo.put(3), Rayo.put(4),
                Rayo.put(5), Rayo.put(6)).remote()));
    }

    @Test
    void capturingLambdasCarryTheirValues() {
        int offset = 100;
        String suffix = "!";
        ObjectRef<String> r = Rayo.task((Integer x) -> (x + offset) + suffix, 5).remote();
        assertEquals("105!", Rayo.get(r));
    }

    @Test
    void parallelInvocationsRunAtTheSameTime() {
        Fns.rendezvous = new CountDownLatch(4);
        List<ObjectRef<Boolean>> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(Rayo.task(Fns::meet, i).remote());
        }
        assertEquals(List.of(true, true, true, true), Rayo.get(refs));
    }

    @Test
    void fourOneSecondTasksOnFourCpusTakeAboutOneSecond() {
        long start = System.nanoTime();
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(Rayo.task(Fns::slowSquare, i, 1000).remote());
        }
        assertEquals(List.of(0, 1, 4, 9), Rayo.get(refs));
        double seconds = (System.nanoTime() - start) / 1e9;
        // Only "not one after another" (at least 4 s); that the four overlap is shown by the barrier test above,
        // so a slow machine cannot make this fail.
        assertTrue(seconds < 3.9, "took " + seconds + " s");
    }

    @Test
    void taskChainsPassRefsAsArguments() {
        ObjectRef<Integer> x = Rayo.task(Fns::add, 1, 2).remote();
        ObjectRef<Integer> y = Rayo.task(Fns::add, x, 10).remote();
        assertEquals(13, Rayo.get(y));
        assertEquals(3, Rayo.get(Rayo.task(Fns::f, Rayo.task(Fns::f, 1).remote()).remote()));
    }

    @Test
    void nestedTasksReturnRefsThatAnotherTaskGets() {
        ObjectRef<List<ObjectRef<Integer>>> refs = Rayo.task(Fns::g).remote();
        assertEquals(1 + 2 + 3 + 4, Rayo.get(Rayo.task(Fns::sumOfRefs, refs).remote()));
        assertEquals(10, Rayo.get(Rayo.task(Fns::h).remote()));
    }

    @Test
    void counterActorKeepsState() {
        ActorHandle<Counter> c = Rayo.actor(Counter::new).remote();
        assertEquals(1, Rayo.get(c.task(Counter::increment).remote()));
        assertEquals(2, Rayo.get(c.task(Counter::increment).remote()));
        assertEquals(7, Rayo.get(c.task(Counter::add, 5).remote()));
        ActorHandle<Counter> d = Rayo.actor(Counter::new, 10).remote();
        assertEquals(15, Rayo.get(d.task(Counter::add, 5).remote()));
    }

    @Test
    void actorConstructorAndMethodsTakeRefs() {
        ObjectRef<Integer> start = Rayo.put(40);
        ActorHandle<Counter> c = Rayo.actor((RayoFunc1<Integer, Counter>) Counter::new, start).remote();
        ObjectRef<Integer> two = Rayo.task(Fns::add, 1, 1).remote();
        assertEquals(42, Rayo.get(c.task(Counter::add, two).remote()));
    }

    @Test
    void actorCallsRunInSubmissionOrder() {
        ActorHandle<Counter> c = Rayo.actor(Counter::new).remote();
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Mix ready values with refs that complete later: order must hold regardless.
            refs.add(i % 10 == 0 ? c.task(Counter::record, Rayo.task(Fns::slowSquare, 0, 5).remote()).remote()
                    : c.task(Counter::record, i).remote());
        }
        Rayo.get(refs);
        List<Integer> seen = Rayo.get(c.task(Counter::seen).remote());
        for (int i = 0; i < 300; i++) {
            assertEquals(i % 10 == 0 ? 0 : i, seen.get(i), "call " + i);
        }
    }

    @Test
    void differentActorsRunInParallel() {
        Fns.rendezvous = new CountDownLatch(3);
        List<ObjectRef<Boolean>> refs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            refs.add(Rayo.actor(Counter::new).remote().task(Counter::meet).remote());
        }
        assertEquals(List.of(true, true, true), Rayo.get(refs));
    }

    static int incrementTimes(ActorHandle<Counter> counter, int times) {
        int last = 0;
        for (int i = 0; i < times; i++) {
            last = Rayo.get(counter.task(Counter::increment).remote());
        }
        return last;
    }

    @Test
    void actorHandlePassedToThreeTasks() {
        ActorHandle<Counter> c = Rayo.actor(Counter::new).remote();
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            refs.add(Rayo.task(CoreApiTest::incrementTimes, c, 10).remote());
        }
        Rayo.get(refs);
        assertEquals(30, Rayo.get(c.task(Counter::get).remote()));
    }

    @Test
    void waitWithNumReturnsAndTimeoutKeepsOrder() {
        ObjectRef<Integer> slow = Rayo.task(Fns::slowSquare, 3, 5000).remote();
        ObjectRef<Integer> fast1 = Rayo.task(Fns::slowSquare, 1, 0).remote();
        ObjectRef<Integer> fast2 = Rayo.task(Fns::slowSquare, 2, 50).remote();
        List<ObjectRef<Integer>> refs = List.of(slow, fast1, fast2);
        WaitResult<Integer> two = Rayo.wait(refs, 2, Duration.ofSeconds(4));
        assertEquals(List.of(fast1, fast2), two.ready());
        assertEquals(List.of(slow), two.unready());
        WaitResult<Integer> one = Rayo.wait(refs, 1);
        assertEquals(List.of(fast1), one.ready());
        assertEquals(List.of(slow, fast2), one.unready());
        WaitResult<Integer> timedOut = Rayo.wait(List.of(slow), 1, Duration.ofMillis(100));
        assertTrue(timedOut.ready().isEmpty());
        assertEquals(List.of(slow), timedOut.unready());
        WaitResult<Integer> all = Rayo.wait(refs);
        assertEquals(refs, all.ready());
        assertTrue(all.unready().isEmpty());
    }

    @Test
    void putOnceAndPassTheRefTenTimes() {
        double[] data = Fns.bigArray(200_000); // 1.6 MB: lives in the object store
        ObjectRef<double[]> ref = Rayo.put(data);
        int expected = Fns.sumArray(data);
        List<ObjectRef<Integer>> sums = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sums.add(Rayo.task(Fns::sumArray, ref).remote());
        }
        for (int s : Rayo.get(sums)) {
            assertEquals(expected, s);
        }
        assertArrayEquals(data, Rayo.get(ref));
    }

    @Test
    void largeResultsTravelThroughTheStore() {
        double[] big = Rayo.get(Rayo.task(Fns::bigArray, 300_000).remote());
        assertArrayEquals(Fns.bigArray(300_000), big);
    }

    @Test
    void gpuTasksGetDistinctIds() {
        List<ObjectRef<List<Integer>>> refs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            refs.add(Rayo.task(Fns::gpuIds, 300).setResource("GPU", 1).remote());
        }
        Set<Integer> ids = new HashSet<>();
        for (List<Integer> l : Rayo.get(refs)) {
            assertEquals(1, l.size());
            ids.addAll(l);
        }
        assertEquals(Set.of(0, 1), ids);
        List<Integer> half = Rayo.get(Rayo.task(Fns::gpuIds, 0).setResource("GPU", 0.5).remote());
        assertEquals(1, half.size());
        assertTrue(half.get(0) == 0 || half.get(0) == 1);
        assertEquals(List.of(), Rayo.get(Rayo.task(Fns::gpuIds, 0).remote()));
    }

    @Test
    void customResourceLimitsConcurrency() {
        Fns.RUNNING.set(0);
        Fns.MAX_RUNNING.set(0);
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(Rayo.task(Fns::tracked, 100).setResource("Custom", 1).remote());
        }
        Rayo.get(refs);
        assertEquals(2, Fns.MAX_RUNNING.get());
    }

    @Test
    void cpuResourcesLimitConcurrency() {
        Fns.RUNNING.set(0);
        Fns.MAX_RUNNING.set(0);
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            refs.add(Rayo.task(Fns::tracked, 50).setResource("CPU", 2).remote());
        }
        Rayo.get(refs);
        assertEquals(2, Fns.MAX_RUNNING.get());
    }

    @Test
    void numReturnsTwoGivesTwoRefs() {
        List<ObjectRef<Object>> parts = Rayo.task(Fns::minMax, new int[] {3, 9, -2, 5}).setNumReturns(2).remoteMany();
        assertEquals(2, parts.size());
        assertEquals(-2, Rayo.get(parts.get(0)));
        assertEquals(9, Rayo.get(parts.get(1)));
        List<ObjectRef<Object>> three = Rayo.task(Fns::threeItems).setNumReturns(3).remoteMany();
        assertEquals(List.of(1, 2, 3), Rayo.get(three));
    }

    @Test
    void treeAggregationNeedsThreeRoundsWhereLinearNeedsSeven() {
        List<ObjectRef<int[]>> leaves = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            leaves.add(Rayo.task(Fns::leaf, i).remote());
        }
        ObjectRef<int[]> linear = leaves.get(0);
        for (int i = 1; i < 8; i++) {
            linear = Rayo.task(Fns::addDepth, linear, leaves.get(i)).remote();
        }
        List<ObjectRef<int[]>> level = leaves;
        while (level.size() > 1) {
            List<ObjectRef<int[]>> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(Rayo.task(Fns::addDepth, level.get(i), level.get(i + 1)).remote());
            }
            level = next;
        }
        assertArrayEquals(new int[] {36, 7}, Rayo.get(linear));
        assertArrayEquals(new int[] {36, 3}, Rayo.get(level.get(0)));
    }

    static double[] load(int file) {
        double[] d = new double[100];
        for (int i = 0; i < d.length; i++) {
            d[i] = file * 100 + i;
        }
        return d;
    }

    static double[] normalize(double[] d) {
        double max = 0;
        for (double v : d) {
            max = Math.max(max, v);
        }
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] / max;
        }
        return out;
    }

    static double features(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return s / d.length;
    }

    static double loss(double feature) {
        return (feature - 0.5) * (feature - 0.5);
    }

    @Test
    void fourStagePipelineOverFourInputs() {
        List<ObjectRef<Double>> losses = new ArrayList<>();
        List<Double> serial = new ArrayList<>();
        for (int file = 0; file < 4; file++) {
            ObjectRef<double[]> raw = Rayo.task(CoreApiTest::load, file).remote();
            ObjectRef<double[]> norm = Rayo.task(CoreApiTest::normalize, raw).remote();
            ObjectRef<Double> feat = Rayo.task(CoreApiTest::features, norm).remote();
            losses.add(Rayo.task(CoreApiTest::loss, feat).remote());
            serial.add(loss(features(normalize(load(file)))));
        }
        assertEquals(serial, Rayo.get(losses));
    }

    @Test
    void retriesApplicationExceptionsWhenAsked() {
        Fns.ATTEMPTS.set(0);
        assertEquals(7, Rayo.get(Rayo.task(Fns::failTwiceThenSucceed, 7).setRetryExceptions(true).setMaxRetries(2).remote()));
        assertEquals(3, Fns.ATTEMPTS.get());
    }

    @Test
    void completableFutureInterop() throws Exception {
        ObjectRef<Integer> r = Rayo.task(Fns::slowSquare, 6, 100).remote();
        assertEquals(37, r.toCompletableFuture().thenApply(v -> v + 1).get(10, TimeUnit.SECONDS));
    }

    @Test
    void namedActorsAreFoundByName() {
        ActorHandle<Counter> d = Rayo.actor(Counter::new, 10).setName("shared-counter").setResource("CPU", 1)
                .setMaxRestarts(2).remote();
        ActorHandle<Counter> found = Rayo.<Counter>getActor("shared-counter").orElseThrow();
        assertEquals(d.actorId(), found.actorId());
        assertEquals(11, Rayo.get(found.task(Counter::increment).remote()));
        assertTrue(Rayo.getActor("no-such-actor").isEmpty());
        d.kill();
        Eventually.within(Duration.ofSeconds(10)).describedAs("the killed actor's name is free")
                .until(() -> !Rayo.getActor("shared-counter").isPresent());
    }

    @Test
    void runtimeContextDescribesTheCaller() {
        RuntimeContext ctx = Rayo.getRuntimeContext();
        assertFalse(ctx.actorId().isPresent());
        assertEquals(4.0, ctx.clusterResources().get("CPU"));
        assertEquals(2.0, ctx.clusterResources().get("GPU"));
        assertEquals(2.0, ctx.clusterResources().get("Custom"));
        String taskNode = Rayo.get(Rayo.task(CoreApiTest::nodeOfTask).remote());
        assertEquals(ctx.nodeId(), taskNode);
    }

    static String nodeOfTask() {
        return Rayo.getRuntimeContext().nodeId();
    }

    @Test
    void theWholeApiWorksInsideTasks() {
        assertEquals(42, Rayo.get(Rayo.task(CoreApiTest::useEverything).remote()));
    }

    static int useEverything() {
        ObjectRef<Integer> p = Rayo.put(20);
        ActorHandle<Counter> c = Rayo.actor(Counter::new).remote();
        ObjectRef<Integer> fromActor = c.task(Counter::add, p).remote();
        ObjectRef<Integer> sum = Rayo.task(Fns::add, fromActor, 22).remote();
        Rayo.wait(List.of(sum));
        return Rayo.get(sum);
    }

    @Test
    void taskEventsAreRecorded() {
        AkkaRayoRuntime rt = rayo.runtime(AkkaRayoRuntime.class);
        Rayo.get(Rayo.task(Fns::f, 1).setName("recorded-task").remote());
        // FINISHED is recorded just after the result reaches its owner, so it may trail get() slightly.
        List<TaskEvent> events = Eventually.within(Duration.ofSeconds(10)).describedAs("five events of recorded-task")
                .until(() -> rt.events().snapshot().stream().filter(e -> e.name().equals("recorded-task")).toList(),
                        recorded -> recorded.size() >= 5);
        assertEquals(List.of("PENDING_NODE_ASSIGNMENT", "RUNNING", "ARGUMENTS_READY", "EXECUTED", "FINISHED"),
                events.stream().map(e -> e.state() != null ? e.state().name() : e.phase().name()).toList());
        assertNotNull(events.get(0).submission(), "the owner records the spec's summary");
        assertEquals("", events.get(0).worker(), "no code runs at submission");
        assertTrue(events.get(1).worker().startsWith("rayo-worker-"), events.get(1).worker());
        assertEquals(rt.nodeId(), events.get(4).nodeId());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).epochMicros() >= events.get(i - 1).epochMicros(), "in order: " + events);
        }
    }

    @Test
    void clusterStateMergesATasksEventsIntoOneRowAndItsDetail() throws Exception {
        AkkaRayoRuntime rt = rayo.runtime(AkkaRayoRuntime.class);
        ObjectRef<Integer> input = Rayo.put(20);
        ObjectRef<Integer> out = Rayo.task(Fns::f, input).setName("state-task").remote();
        Rayo.get(out);
        TaskRow row = Eventually.within(Duration.ofSeconds(10)).describedAs("state-task FINISHED")
                .until(() -> rt.clusterState().tasks().toCompletableFuture().join().rows().stream()
                        .filter(r -> r.name().equals("state-task")).findFirst().orElse(null),
                        r -> r != null && r.state().equals("FINISHED"));
        assertEquals(rt.nodeId(), row.node());
        assertEquals(rt.nodeId(), row.owner());
        assertTrue(row.durationMicros() >= 0, row.toString());
        TaskDetail detail = rt.clusterState().task(row.taskId()).toCompletableFuture().get().orElseThrow();
        assertEquals(List.of(input.id()), detail.argRefs());
        assertEquals(List.of(out.id()), detail.returnIds());
        assertEquals(List.of("PENDING_ARGS", "RUNNING", "FINISHED"),
                detail.history().stream().map(StateChange::state).toList());
        assertTrue(detail.attempts().get(0).isComplete(), detail.attempts().toString());

        ObjectRow made = rt.clusterState().object(out.id()).toCompletableFuture().get().orElseThrow();
        assertEquals(row.taskId(), made.taskId());
        assertFalse(made.isPut());
        ObjectRow put = rt.clusterState().object(input.id()).toCompletableFuture().get().orElseThrow();
        assertTrue(put.isPut());
        assertEquals(List.of(rt.nodeId()), put.locations());
        assertTrue(rt.clusterState().task("no-such-task").toCompletableFuture().get().isEmpty());

        String trace = rt.clusterState().timeline(0).toCompletableFuture().get();
        assertTrue(trace.contains("\"name\":\"state-task\",\"cat\":\"task\",\"ph\":\"X\""), trace);
        assertTrue(trace.contains("\"task:store_outputs\""), trace);
        assertTrue(trace.contains("\"process_name\",\"ph\":\"M\""), trace);
    }

    @Test
    void timelineWritesTheClustersTraceToAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Rayo.get(Rayo.task(Fns::f, 2).setName("traced-task").remote());
        java.nio.file.Path file = dir.resolve("sub").resolve("trace.json");
        String trace = Eventually.within(Duration.ofSeconds(10)).describedAs("traced-task in the written trace")
                .until(() -> readTimeline(file), t -> t.contains("\"traced-task\""));
        assertTrue(trace.startsWith("{\"traceEvents\":["), trace);
        assertTrue(trace.contains("\"task:execute\""), trace);
    }

    private static String readTimeline(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(Rayo.timeline(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
