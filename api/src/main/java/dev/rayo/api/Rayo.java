package dev.rayo.api;

import dev.rayo.api.exception.RayoException;
import dev.rayo.api.spi.CurrentRuntime;
import dev.rayo.api.spi.RayoRuntimeProvider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The static facade, shaped like Ray's Java API: {@code Rayo.init()}, {@code Rayo.task(f, args).remote()},
 * {@code Rayo.actor(Counter::new).remote()}, {@code put/get/wait}.
 *
 * <p>The {@code task} and {@code actor} overloads (inherited from the generated {@code RayoStaticCalls})
 * take a serializable function {@code RayoFunc0..6} / {@code RayoFuncVoid0..6} and 0..6 arguments, each a
 * value of its parameter's type or an {@link ObjectRef} of it. Java cannot choose between the value and the
 * {@code ObjectRef} overload when the method reference names an overloaded method or constructor and an
 * argument is a ref; then name the type: {@code Rayo.actor((RayoFunc1<Integer, Counter>) Counter::new, ref)}.
 *
 * <p>The runtime resolves a ref argument before the function runs, and the function sees the value,
 * except for a parameter declared {@code ObjectRef<T>} (as in {@code long checksumAt(ObjectRef<byte[]> ref)}):
 * that one receives the ref itself, unresolved, to {@code get} later or hand on. The same holds for actor
 * constructors and methods.
 */
public final class Rayo extends RayoStaticCalls {

    private Rayo() {
    }

    /** Starts the embedded default: a one-node cluster inside this JVM, configured by the HOCON files. */
    public static void init() {
        init(RayoConfig.defaults());
    }

    /** Starts a node in this JVM (or joins {@code address}); builder values override the HOCON files. */
    public static synchronized void init(RayoConfig config) {
        if (CurrentRuntime.orNull() != null) {
            throw new RayoException("Rayo is already initialized in this JVM; call Rayo.shutdown() first");
        }
        RayoRuntimeProvider provider = ServiceLoader.load(RayoRuntimeProvider.class).findFirst()
                .orElseThrow(() -> new RayoException(
                        "no Rayo runtime on the classpath: add dev.rayo:rayo-runtime-akka"));
        CurrentRuntime.install(provider.start(config));
    }

    /** True between {@link #init()} and {@link #shutdown()}. */
    public static boolean isInitialized() {
        RayoRuntime rt = CurrentRuntime.orNull();
        return rt != null && rt.isRunning();
    }

    /** Stops the runtime; idempotent; {@link #init()} may be called again afterwards. */
    public static synchronized void shutdown() {
        RayoRuntime rt = CurrentRuntime.orNull();
        if (rt != null) {
            try {
                rt.shutdown();
            } finally {
                CurrentRuntime.uninstall(rt);
            }
        }
    }

    /** The runtime behind this facade. */
    public static RayoRuntime runtime() {
        return CurrentRuntime.get();
    }

    /** Stores {@code value} and returns its ref. */
    public static <T> ObjectRef<T> put(T value) {
        return runtime().put(value);
    }

    /** Blocks until the object is available. */
    public static <T> T get(ObjectRef<T> ref) {
        return runtime().get(ref);
    }

    /** Blocks at most {@code timeout}; {@link dev.rayo.api.exception.RayoTimeoutException} when it elapses. */
    public static <T> T get(ObjectRef<T> ref, Duration timeout) {
        return runtime().get(ref, timeout);
    }

    /**
     * Gets every object, in the order of {@code refs}. Fail-fast, as in Ray: once any of them is known to
     * have failed, its error is thrown, even while objects before it in the list are still pending.
     */
    public static <T> List<T> get(List<ObjectRef<T>> refs) {
        return runtime().get(refs);
    }

    /**
     * Gets every object within {@code timeout} overall; fail-fast like {@link #get(List)}: an error known
     * before the timeout is thrown rather than {@link dev.rayo.api.exception.RayoTimeoutException}.
     */
    public static <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout) {
        return runtime().get(refs, timeout);
    }

    /** Waits until {@code numReturns} refs are available or {@code timeout} elapses; both lists keep the order of {@code refs}. */
    public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
        return runtime().wait(refs, numReturns, timeout);
    }

    /** Waits, without timeout, until {@code numReturns} refs are available. */
    public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns) {
        return runtime().wait(refs, numReturns);
    }

    /** Waits until every ref is available. */
    public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs) {
        return runtime().wait(refs);
    }

    /**
     * Cancels the task that returns {@code ref} (Ray's {@code ray.cancel}): see {@link RayoRuntime#cancel}.
     *
     * @throws IllegalArgumentException when {@code ref} is not the result of a task this process submitted
     */
    public static void cancel(ObjectRef<?> ref) {
        runtime().cancel(ref);
    }

    /** The live actor named {@code name} in the caller's namespace ({@code RayoConfig.namespace}), from any node. */
    public static <A> Optional<ActorHandle<A>> getActor(String name) {
        return runtime().getActor(name);
    }

    /** The live actor named {@code name} in {@code namespace}, from any node. */
    public static <A> Optional<ActorHandle<A>> getActor(String name, String namespace) {
        return runtime().getActor(name, namespace);
    }

    /**
     * Writes the cluster's recent task timeline to {@code file} as a Chrome trace and returns it (Ray's
     * {@code ray.timeline}); see {@link RayoRuntime#timeline(java.nio.file.Path)}.
     */
    public static java.nio.file.Path timeline(java.nio.file.Path file) {
        return runtime().timeline(file);
    }

    /** Where and as what the calling code runs. */
    public static RuntimeContext getRuntimeContext() {
        return runtime().getRuntimeContext();
    }

    /** The GPU ids assigned to the running task or actor. */
    public static List<Integer> getGpuIds() {
        return runtime().getGpuIds();
    }

    /**
     * Inside an actor method: ends the actor once this call returns (Ray's {@code Ray.exitActor()}). The call's
     * result is delivered; later calls fail with {@link dev.rayo.api.exception.RayoActorException}; the actor
     * is not restarted.
     *
     * @throws IllegalStateException outside an actor method
     */
    public static void exitActor() {
        runtime().exitActor();
    }

    /**
     * {@code body} made to run with the calling task's or actor's context on another thread (Ray's
     * {@code Ray.wrapRunnable}): a thread the task starts sees the task's {@link #getRuntimeContext()} and
     * submits nested tasks as the task would.
     */
    public static Runnable wrapRunnable(Runnable body) {
        return runtime().wrapRunnable(body);
    }

    /** Like {@link #wrapRunnable(Runnable)}, for a {@link java.util.concurrent.Callable}. */
    public static <T> java.util.concurrent.Callable<T> wrapCallable(java.util.concurrent.Callable<T> body) {
        return runtime().wrapCallable(body);
    }
}
