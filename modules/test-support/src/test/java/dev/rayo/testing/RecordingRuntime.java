package dev.rayo.testing;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.RayoRuntime;
import dev.rayo.api.RuntimeContext;
import dev.rayo.api.WaitResult;
import dev.rayo.api.exception.RayoException;
import dev.rayo.api.spi.ActorRequest;
import dev.rayo.api.spi.CallRequest;
import dev.rayo.api.spi.RayoRuntimeProvider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime that runs nothing and records its life: what {@code Rayo.init} finds on this module's test
 * classpath (META-INF/services), so the extension's lifecycle is checked without rayo-runtime-akka.
 */
public final class RecordingRuntime implements RayoRuntime {
    /** A config key that makes the provider fail, as a runtime that can't start would. */
    static final String FAIL_START = "test.fail-start";

    /** Every runtime started since {@link #reset()}, in order. */
    static final List<RecordingRuntime> STARTED = new CopyOnWriteArrayList<>();

    final RayoConfig config;
    final AtomicInteger shutdowns = new AtomicInteger();

    private RecordingRuntime(RayoConfig config) {
        this.config = config;
    }

    static void reset() {
        STARTED.clear();
    }

    /** Found by {@code ServiceLoader}; starts a {@link RecordingRuntime} or refuses, as the config says. */
    public static final class Provider implements RayoRuntimeProvider {
        @Override
        public RayoRuntime start(RayoConfig config) {
            if (config.overrides().containsKey(FAIL_START)) {
                throw new RayoException("start refused: " + FAIL_START);
            }
            RecordingRuntime runtime = new RecordingRuntime(config);
            STARTED.add(runtime);
            return runtime;
        }
    }

    @Override
    public boolean isRunning() {
        return shutdowns.get() == 0;
    }

    @Override
    public void shutdown() {
        shutdowns.incrementAndGet();
    }

    @Override
    public <T> ObjectRef<T> put(T value) {
        throw unsupported();
    }

    @Override
    public <T> T get(ObjectRef<T> ref) {
        throw unsupported();
    }

    @Override
    public <T> T get(ObjectRef<T> ref, Duration timeout) {
        throw unsupported();
    }

    @Override
    public <T> List<T> get(List<ObjectRef<T>> refs) {
        throw unsupported();
    }

    @Override
    public <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout) {
        throw unsupported();
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
        throw unsupported();
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns) {
        throw unsupported();
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs) {
        throw unsupported();
    }

    @Override
    public <A> Optional<ActorHandle<A>> getActor(String name) {
        throw unsupported();
    }

    @Override
    public RuntimeContext getRuntimeContext() {
        throw unsupported();
    }

    @Override
    public List<Integer> getGpuIds() {
        throw unsupported();
    }

    @Override
    public List<ObjectRef<Object>> submitTask(CallRequest request) {
        throw unsupported();
    }

    @Override
    public <A> ActorHandle<A> createActor(ActorRequest request) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("RecordingRuntime only records start and shutdown");
    }
}
