package dev.rayo.testing;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.RayoRuntime;
import dev.rayo.api.exception.RayoException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs small sample classes on their own Jupiter engine (the samples are disabled anywhere else) with the
 * {@link RecordingRuntime} as the classpath's runtime, and checks when runtimes were started and stopped.
 */
class RayoRuntimeExtensionTest {
    private static final String SAMPLES = "rayo.testing.samples";
    private static final RayoConfig REFUSED = RayoConfig.builder().set(RecordingRuntime.FAIL_START, true).build();

    /** The runtime each sample test saw, in order. */
    private static final List<RayoRuntime> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clean() {
        RecordingRuntime.reset();
        SEEN.clear();
    }

    @Test
    void staticFieldStartsOneRuntimeForTheClassAndStopsItAfterAll() {
        Events tests = run(PerClassSample.class).testEvents();

        assertEquals(List.of(2L, 1L), List.of(tests.succeeded().count(), tests.failed().count()));
        assertEquals(1, RecordingRuntime.STARTED.size());
        RecordingRuntime only = RecordingRuntime.STARTED.get(0);
        assertEquals(List.of(only, only), SEEN);
        assertEquals(1, only.shutdowns.get());
        assertEquals(Map.of("rayo.num-cpus", 4), only.config.overrides());
        assertFalse(Rayo.isInitialized());
    }

    @Test
    void instanceFieldStartsARuntimePerTestAndStopsItEvenAfterAFailure() {
        Events tests = run(PerTestSample.class).testEvents();

        assertEquals(List.of(2L, 1L), List.of(tests.succeeded().count(), tests.failed().count()));
        assertEquals(3, RecordingRuntime.STARTED.size());
        assertEquals(RecordingRuntime.STARTED, SEEN);
        RecordingRuntime.STARTED.forEach(rt -> assertEquals(1, rt.shutdowns.get()));
        assertFalse(Rayo.isInitialized());
    }

    @Test
    void nestedClassesShareTheOuterClassRuntime() {
        Events tests = run(NestedSample.class).testEvents();

        assertEquals(2, tests.succeeded().count());
        assertEquals(1, RecordingRuntime.STARTED.size());
        assertEquals(1, RecordingRuntime.STARTED.get(0).shutdowns.get());
        assertEquals(List.of(RecordingRuntime.STARTED.get(0), RecordingRuntime.STARTED.get(0)), SEEN);
    }

    @Test
    void restartStartsANewRuntimeThatLaterTestsOfTheClassGet() {
        Events tests = run(RestartSample.class).testEvents();

        assertEquals(2, tests.succeeded().count());
        assertEquals(2, RecordingRuntime.STARTED.size());
        RecordingRuntime.STARTED.forEach(rt -> assertEquals(1, rt.shutdowns.get()));
        assertEquals(List.of(Map.of("test.start", 1), Map.of("test.start", 2)),
                RecordingRuntime.STARTED.stream().map(rt -> rt.config.overrides()).toList());
        assertEquals(List.of(RecordingRuntime.STARTED.get(1)), SEEN);
    }

    @ParameterizedTest
    @ValueSource(classes = {RefusedPerTestSample.class, RefusedPerClassSample.class})
    void aFailedStartFailsTheTestOrClassWithItsOwnErrorAlone(Class<?> sample) {
        Event failed = single(run(sample).allEvents().failed());

        assertEquals(EventType.FINISHED, failed.getType());
        assertEquals(sample == RefusedPerClassSample.class, failed.getTestDescriptor().isContainer(), "class failed");
        Throwable error = failed.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertInstanceOf(RayoException.class, error);
        assertEquals("start refused: " + RecordingRuntime.FAIL_START, error.getMessage());
        assertEquals(0, error.getSuppressed().length);
        assertEquals(List.of(), RecordingRuntime.STARTED);
        assertEquals(List.of(), SEEN);
        assertFalse(Rayo.isInitialized());
    }

    @Test
    void runtimeExplainsAFailedStartAndStoppingDoesNotThrow() {
        RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(REFUSED);

        RayoException refused = assertThrows(RayoException.class, () -> rayo.beforeEach(null));
        rayo.afterEach(null);
        IllegalStateException noRuntime = assertThrows(IllegalStateException.class, rayo::runtime);

        assertSame(refused, noRuntime.getCause());
        assertTrue(noRuntime.getMessage().endsWith("and starting it failed"), noRuntime.getMessage());
    }

    @Test
    void runtimeOutsideTheLifecycleSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RayoRuntimeExtension.withDefaults().runtime());

        assertTrue(e.getMessage().startsWith("no Rayo runtime: RayoRuntimeExtension starts one"), e.getMessage());
    }

    @Test
    void runtimeOfAnotherTypeNamesBothClasses() {
        RayoRuntimeExtension rayo = RayoRuntimeExtension.withDefaults();
        rayo.beforeEach(null);
        try {
            ClassCastException e = assertThrows(ClassCastException.class, () -> rayo.runtime(OtherRuntime.class));

            assertEquals("the Rayo runtime is a dev.rayo.testing.RecordingRuntime, not a "
                    + "dev.rayo.testing.RayoRuntimeExtensionTest$OtherRuntime: "
                    + "is the right runtime first on the test classpath?", e.getMessage());
        } finally {
            rayo.afterEach(null);
        }
        assertFalse(Rayo.isInitialized());
    }

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(SAMPLES, "true")
                .selectors(selectClass(sample)).execute();
    }

    private static Event single(Events events) {
        assertEquals(1, events.count(), () -> events.list().toString());
        return events.list().get(0);
    }

    /** What every passing sample test checks and records. */
    private static void seen(RayoRuntimeExtension rayo) {
        assertTrue(Rayo.isInitialized());
        assertSame(Rayo.runtime(), rayo.runtime());
        assertSame(rayo.runtime(), rayo.runtime(RecordingRuntime.class));
        SEEN.add(rayo.runtime());
    }

    /** A runtime type that is never on the classpath. */
    interface OtherRuntime extends RayoRuntime {
    }

    /** Enables the samples only on the engines this test starts, so the build's own run skips them. */
    static final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SAMPLES).isPresent()
                    ? ConditionEvaluationResult.enabled("run by RayoRuntimeExtensionTest")
                    : ConditionEvaluationResult.disabled("a sample for RayoRuntimeExtensionTest only");
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class PerClassSample {
        @RegisterExtension
        static final RayoRuntimeExtension rayo =
                RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(4).build());

        @Test
        void a() {
            seen(rayo);
        }

        @Test
        void b() {
            fail("deliberate failure");
        }

        @Test
        void c() {
            seen(rayo);
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class PerTestSample {
        @RegisterExtension
        final RayoRuntimeExtension rayo = RayoRuntimeExtension.withDefaults();

        @Test
        void a() {
            seen(rayo);
            fail("deliberate failure");
        }

        @Test
        void b() {
            seen(rayo);
            assertEquals(1, RecordingRuntime.STARTED.get(0).shutdowns.get(), "the failed test's runtime is stopped");
        }

        @Test
        void c() {
            seen(rayo);
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    static class NestedSample {
        @RegisterExtension
        static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withDefaults();

        @Test
        void outer() {
            seen(rayo);
        }

        @Nested
        class Inner {
            @Test
            void inner() {
                seen(rayo);
            }
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class RestartSample {
        private static final AtomicInteger STARTS = new AtomicInteger();

        @RegisterExtension
        static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(
                () -> RayoConfig.builder().set("test.start", STARTS.incrementAndGet()).build());

        @Test
        void a() {
            RayoRuntime before = rayo.runtime();
            RayoRuntime after = rayo.restart();

            assertNotSame(before, after);
            assertFalse(before.isRunning());
            assertSame(after, Rayo.runtime());
        }

        @Test
        void b() {
            seen(rayo);
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    static class RefusedPerTestSample {
        @RegisterExtension
        final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(REFUSED);

        @Test
        void test() {
            seen(rayo);
        }
    }

    /** Refused by the static field; the inherited instance field is never reached. */
    static class RefusedPerClassSample extends RefusedPerTestSample {
        @RegisterExtension
        static final RayoRuntimeExtension refused = RayoRuntimeExtension.withConfig(REFUSED);
    }
}
