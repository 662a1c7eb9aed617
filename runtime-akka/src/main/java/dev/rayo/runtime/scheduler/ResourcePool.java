package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ResourceSet;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's resources: what it has, what is free, and which GPU ids are in use. GPUs are handed out as
 * ids: a whole-GPU request gets that many fully free ids; a fractional request shares one id whose
 * free fraction covers it. Not thread-safe: owned by the node's scheduler actor.
 */
public final class ResourcePool {
    private final ResourceSet total;
    private ResourceSet available;
    private final long[] gpuFreeUnits;

    /** A pool holding {@code total}; its GPU amount must be whole. */
    public ResourcePool(ResourceSet total) {
        this.total = total;
        this.available = total;
        int gpus = (int) (total.get(ResourceSet.GPU) / ResourceSet.UNIT);
        this.gpuFreeUnits = new long[gpus];
        java.util.Arrays.fill(gpuFreeUnits, ResourceSet.UNIT);
    }

    /** Everything this node has. */
    public ResourceSet total() {
        return total;
    }

    /** What is free now. */
    public ResourceSet available() {
        return available;
    }

    /** True when the node could ever run {@code request}. */
    public boolean isFeasible(ResourceSet request) {
        return request.fitsIn(total);
    }

    /** Takes {@code request} when free now; null otherwise. */
    public Allocation tryAcquire(ResourceSet request) {
        if (!request.fitsIn(available)) {
            return null;
        }
        List<Integer> gpuIds = assignGpus(request.get(ResourceSet.GPU));
        if (gpuIds == null) {
            return null;
        }
        available = available.minus(request);
        return new Allocation(request, gpuIds);
    }

    /** Gives back an allocation. */
    public void release(Allocation allocation) {
        available = available.plus(allocation.resources());
        long perGpu = perGpuUnits(allocation.resources().get(ResourceSet.GPU), allocation.gpuIds().size());
        for (int id : allocation.gpuIds()) {
            gpuFreeUnits[id] += perGpu;
        }
    }

    /** Gives back only the CPUs of a task blocked in get/wait. */
    public void lendCpus(ResourceSet cpus) {
        available = available.plus(cpus);
    }

    /** Takes the CPUs back when the task resumes, even past capacity, so a resumed task never waits. */
    public void reclaimCpus(ResourceSet cpus) {
        available = available.minus(cpus);
    }

    private List<Integer> assignGpus(long units) {
        if (units == 0) {
            return List.of();
        }
        List<Integer> ids = new ArrayList<>();
        if (units < ResourceSet.UNIT) {
            for (int i = 0; i < gpuFreeUnits.length; i++) {
                if (gpuFreeUnits[i] >= units) {
                    gpuFreeUnits[i] -= units;
                    return List.of(i);
                }
            }
            return null;
        }
        for (int i = 0; i < gpuFreeUnits.length && ids.size() * ResourceSet.UNIT < units; i++) {
            if (gpuFreeUnits[i] == ResourceSet.UNIT) {
                ids.add(i);
            }
        }
        if (ids.size() * ResourceSet.UNIT < units) {
            return null;
        }
        ids.forEach(i -> gpuFreeUnits[i] = 0);
        return List.copyOf(ids);
    }

    private static long perGpuUnits(long units, int ids) {
        return ids == 0 ? 0 : units / ids;
    }
}
