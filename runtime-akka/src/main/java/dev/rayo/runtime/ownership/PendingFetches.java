package dev.rayo.runtime.ownership;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Waits on other processes (objects asked of their owner) by the address of that process, so that they
 * fail at once when it leaves the cluster: a ref whose owner died raises ObjectLostException, not a hang.
 *
 * @param <T> what the wait produces
 */
public final class PendingFetches<T> {
    private final ConcurrentHashMap<String, Set<CompletableFuture<T>>> byAddress = new ConcurrentHashMap<>();

    /** Registers {@code future} as waiting on {@code address} until it completes. */
    public CompletableFuture<T> watch(String address, CompletableFuture<T> future) {
        Set<CompletableFuture<T>> set = byAddress.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet());
        set.add(future);
        future.whenComplete((v, e) -> set.remove(future));
        return future;
    }

    /** Completes every wait on {@code address} with {@code outcome}. */
    public void fail(String address, Supplier<T> outcome) {
        Set<CompletableFuture<T>> set = byAddress.remove(address);
        if (set != null) {
            set.forEach(f -> f.complete(outcome.get()));
        }
    }
}
