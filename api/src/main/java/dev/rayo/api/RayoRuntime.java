package dev.rayo.api;

import dev.rayo.api.spi.ActorRequest;
import dev.rayo.api.spi.CallRequest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the static facade {@link Rayo} offers, as an instance: what {@code Rayo.runtime()} and
 * {@code RayoAkka.attach(system)} return. The {@code task(...)} and {@code actor(...)} overloads come
 * from {@link TaskFactory}.
 */
public interface RayoRuntime extends TaskFactory {

    /** Stores {@code value} in the object store and returns its ref; this process owns it. */
    <T> ObjectRef<T> put(T value);

    /** Blocks until the object is available; a failed task's error is thrown as {@link dev.rayo.api.exception.RayoTaskException}. */
    <T> T get(ObjectRef<T> ref);

    /** Like {@link #get(ObjectRef)}; {@link dev.rayo.api.exception.RayoTimeoutException} when {@code timeout} elapses. */
    <T> T get(ObjectRef<T> ref, Duration timeout);

    /**
     * Gets every object, in the order of {@code refs}. Fail-fast, as in Ray: once any of them is known to
     * have failed, its error is thrown, even while objects before it in the list are still pending.
     */
    <T> List<T> get(List<ObjectRef<T>> refs);

    /**
     * Gets every object within {@code timeout} overall; fail-fast like {@link #get(List)}: an error known
     * before the timeout is thrown rather than {@link dev.rayo.api.exception.RayoTimeoutException}.
     */
    <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout);

    /**
     * Waits until {@code numReturns} of {@code refs} are available or {@code timeout} elapses.
     * Ready holds at most {@code numReturns} refs; both lists keep the order of {@code refs}.
     */
    <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout);

    /** Waits, with no timeout, until {@code numReturns} of {@code refs} are available. */
    <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns);

    /** Waits until every ref is available. */
    <T> WaitResult<T> wait(List<ObjectRef<T>> refs);

    /**
     * The live actor created with {@code setName(name)} in the caller's namespace (its driver's
     * {@code rayo.namespace}), found from any node; empty when there is none.
     */
    <A> Optional<ActorHandle<A>> getActor(String name);

    /**
     * The live actor created with {@code setName(name)} in {@code namespace}, found from any node; empty when
     * there is none.
     *
     * @throws IllegalArgumentException when {@code namespace} is null or blank
     * @throws UnsupportedOperationException from a runtime that hosts no actors
     */
    default <A> Optional<ActorHandle<A>> getActor(String name, String namespace) {
        throw new UnsupportedOperationException(getClass().getName() + " does not host actors");
    }

    /** Where and as what the calling code runs. */
    RuntimeContext getRuntimeContext();

    /** The GPU ids assigned to the running task or actor. */
    List<Integer> getGpuIds();

    /** True until {@link #shutdown()}. */
    boolean isRunning();

    /**
     * Writes the cluster's recent task timeline to {@code file} in the Chrome Trace Event Format (Perfetto and
     * chrome://tracing open it; OPERATIONS.md gives the format) and returns the file (Ray's {@code ray.timeline}).
     *
     * @throws java.io.UncheckedIOException when the file can't be written
     * @throws UnsupportedOperationException from a runtime that records no task events
     */
    default java.nio.file.Path timeline(java.nio.file.Path file) {
        throw new UnsupportedOperationException(getClass().getName() + " records no timeline");
    }

    /** Stops this runtime (and its node, if it started one); idempotent. */
    void shutdown();

    /**
     * Submits a task; used by {@link TaskCaller}. Programs call {@code task(...).remote()} instead.
     *
     * @return one ref per return value
     */
    List<ObjectRef<Object>> submitTask(CallRequest request);

    /** Creates an actor; used by {@link ActorCreator}. Programs call {@code actor(...).remote()} instead. */
    <A> ActorHandle<A> createActor(ActorRequest request);

    /**
     * Submits a method call on {@code actor} (Ray's {@code RayRuntime.callActor}); used by actor handles, so
     * a handle needs to know only this interface, never the runtime's class. Programs call
     * {@code handle.task(...).remote()} instead.
     *
     * @return one ref per return value; this process owns them
     * @throws UnsupportedOperationException from a runtime that hosts no actors
     */
    default List<ObjectRef<Object>> callActor(ActorHandle<?> actor, CallRequest request) {
        throw new UnsupportedOperationException(getClass().getName() + " does not host actors");
    }

    /**
     * Cancels the task that returns {@code ref} (Ray's {@code ray.cancel(ref)} without {@code force}): a task
     * that has not started never runs, a running one has its thread interrupted, and either way {@code get} on
     * its results throws {@link dev.rayo.api.exception.RayoTaskCancelledException} and the task is not retried.
     * A task that already finished keeps its result. The caller must own {@code ref} (it submitted the task).
     *
     * @throws IllegalArgumentException when {@code ref} is not the result of a task this process submitted (an
     *                                  object from {@code put}, an actor call's result, or a ref owned elsewhere)
     * @throws UnsupportedOperationException from a runtime that can't cancel tasks
     */
    default void cancel(ObjectRef<?> ref) {
        throw new UnsupportedOperationException(getClass().getName() + " does not cancel tasks");
    }

    /**
     * Kills {@code actor} (Ray's {@code RayRuntime.killActor}); used by {@link ActorHandle#kill()}.
     *
     * @throws UnsupportedOperationException from a runtime that hosts no actors
     */
    default void killActor(ActorHandle<?> actor) {
        throw new UnsupportedOperationException(getClass().getName() + " does not host actors");
    }

    /**
     * Kills {@code actor}; with {@code noRestart} false it restarts if it has restarts left (Ray's
     * {@code killActor(actor, noRestart)}); used by {@link ActorHandle#kill(boolean)}.
     *
     * @throws UnsupportedOperationException from a runtime that hosts no actors, or can't restart them
     */
    default void killActor(ActorHandle<?> actor, boolean noRestart) {
        if (!noRestart) {
            throw new UnsupportedOperationException(getClass().getName() + " does not restart killed actors");
        }
        killActor(actor);
    }

    /**
     * Ends the actor whose method calls this, once the current call returns: its result is delivered, later
     * calls fail with {@link dev.rayo.api.exception.RayoActorException}, and it is not restarted.
     *
     * @throws IllegalStateException when the caller is not an actor method
     */
    default void exitActor() {
        throw new IllegalStateException("Rayo.exitActor() must be called inside an actor method");
    }

    /**
     * {@code body} made to run with the calling task's or actor's context, on whatever thread runs it: the
     * runtime context, nested submissions and {@code Rayo.exitActor()} behave there as in the task itself.
     * Outside any task the runnable is returned as it is.
     */
    default Runnable wrapRunnable(Runnable body) {
        return body;
    }

    /** Like {@link #wrapRunnable(Runnable)}, for a {@link java.util.concurrent.Callable}. */
    default <T> java.util.concurrent.Callable<T> wrapCallable(java.util.concurrent.Callable<T> body) {
        return body;
    }
}
