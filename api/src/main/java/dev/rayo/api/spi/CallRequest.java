package dev.rayo.api.spi;

import java.io.Serializable;
import java.util.Map;

/**
 * One task or actor-method invocation as the caller built it, before the runtime resolves anything.
 *
 * @param function        the serializable function (a {@code RayoFunc*} or {@code RayoFuncVoid*})
 * @param args            the arguments: plain values or {@link dev.rayo.api.ObjectRef}s
 * @param resources       resources asked for, by name; empty means the runtime's default
 * @param numReturns      how many refs {@code remoteMany()} returns; 1 for {@code remote()}
 * @param maxRetries      retries after a node failure; negative means the configured default
 * @param retryExceptions whether application exceptions are retried too
 * @param name            a display name; null means the function's own name
 * @param async           an actor method returning a {@code CompletionStage}, whose value is the result
 */
public record CallRequest(Serializable function, Object[] args, Map<String, Double> resources,
                          int numReturns, int maxRetries, boolean retryExceptions, String name, boolean async) {

    /** A call whose function returns its result directly. */
    public CallRequest(Serializable function, Object[] args, Map<String, Double> resources,
                       int numReturns, int maxRetries, boolean retryExceptions, String name) {
        this(function, args, resources, numReturns, maxRetries, retryExceptions, name, false);
    }
}
