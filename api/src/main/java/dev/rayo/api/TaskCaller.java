package dev.rayo.api;

import dev.rayo.api.spi.CallRequest;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task about to be submitted: set options, then {@link #remote()} (or {@link #remoteMany()} with
 * {@link #setNumReturns(int)}). Obtained from {@code Rayo.task(...)}.
 *
 * @param <R> the function's return type ({@code Void} for void functions)
 */
public final class TaskCaller<R> {
    private final RayoRuntime runtime;
    private final Serializable function;
    private final Object[] args;
    private final Map<String, Double> resources = new LinkedHashMap<>();
    private int numReturns = 1;
    private int maxRetries = -1;
    private boolean retryExceptions;
    private String name;

    TaskCaller(RayoRuntime runtime, Serializable function, Object[] args) {
        this.runtime = runtime;
        this.function = function;
        this.args = args;
    }

    /** Asks for {@code amount} of resource {@code resourceName} ({@code CPU}, {@code GPU}, custom; fractions allowed). Default: 1 CPU. */
    public TaskCaller<R> setResource(String resourceName, double amount) {
        ResourceAmounts.checkName(resourceName);
        resources.put(resourceName, amount);
        return this;
    }

    /**
     * {@link #setResource(String, double)} for a boxed amount (Ray's signature).
     *
     * @throws IllegalArgumentException naming the resource when {@code amount} is null
     */
    public TaskCaller<R> setResource(String resourceName, Double amount) {
        return setResource(resourceName, ResourceAmounts.checked(resourceName, amount));
    }

    /** Asks for every resource in {@code amounts}. */
    public TaskCaller<R> setResources(Map<String, Double> amounts) {
        ResourceAmounts.checkAll(amounts);
        resources.putAll(amounts);
        return this;
    }

    /** Retries after the task's node died (default {@code rayo.task.max-retries}, 3). */
    public TaskCaller<R> setMaxRetries(int retries) {
        this.maxRetries = retries;
        return this;
    }

    /** Also retry when the function itself throws (default false: application errors are returned at once). */
    public TaskCaller<R> setRetryExceptions(boolean retry) {
        this.retryExceptions = retry;
        return this;
    }

    /** A display name for events, errors and the dashboard; default: {@code Class.method} of the function. */
    public TaskCaller<R> setName(String taskName) {
        this.name = taskName;
        return this;
    }

    /** The function returns an {@code Object[]} or {@code List} of exactly {@code n} items; use {@link #remoteMany()}. */
    public TaskCaller<R> setNumReturns(int n) {
        this.numReturns = NumReturns.checked(n);
        return this;
    }

    /**
     * Submits the task and returns the ref of its result at once.
     *
     * @throws dev.rayo.api.exception.RayoSerializationException when an argument can't be serialized (nothing is submitted)
     */
    @SuppressWarnings("unchecked")
    public ObjectRef<R> remote() {
        NumReturns.requireSingle(numReturns);
        return (ObjectRef<R>) (ObjectRef<?>) runtime.submitTask(request()).get(0);
    }

    /** Submits the task and returns one ref per return value ({@link #setNumReturns(int)}). */
    public List<ObjectRef<Object>> remoteMany() {
        return runtime.submitTask(request());
    }

    private CallRequest request() {
        return new CallRequest(function, args, Map.copyOf(resources), numReturns, maxRetries, retryExceptions, name);
    }
}
