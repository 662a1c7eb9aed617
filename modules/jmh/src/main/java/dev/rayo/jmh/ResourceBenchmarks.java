package dev.rayo.jmh;

import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.scheduler.ResourcePool;
import dev.rayo.runtime.wire.ResourceSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The scheduler's resource accounting for one task (take a CPU and a custom resource, give them back),
 * against a semaphore permit taken and returned: what multi-resource, fractional bookkeeping costs.
 */
@State(Scope.Thread)
public class ResourceBenchmarks {
    private ResourcePool pool;
    private ResourceSet request;
    private final Semaphore permits = new Semaphore(8);

    /** A node of 8 CPUs and 4 units of a custom resource; a request of one each. */
    @Setup
    public void prepare() {
        pool = new ResourcePool(ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 8.0, "Custom", 4.0)));
        request = ResourceSet.ofAmounts(Map.of(ResourceSet.CPU, 1.0, "Custom", 1.0));
    }

    /** Acquires and releases one task's resources. */
    @Benchmark
    public Allocation rayo_acquire_release() {
        Allocation allocation = pool.tryAcquire(request);
        pool.release(allocation);
        return allocation;
    }

    /** Takes and returns one permit. */
    @Benchmark
    public boolean jdk_acquire_release() {
        boolean taken = permits.tryAcquire();
        permits.release();
        return taken;
    }
}
