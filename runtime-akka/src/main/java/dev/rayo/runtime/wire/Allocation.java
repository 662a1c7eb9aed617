package dev.rayo.runtime.wire;


import java.util.List;

/**
 * Resources granted to one running task or live actor.
 *
 * @param resources the amounts held
 * @param gpuIds    the GPU ids assigned
 */
public record Allocation(ResourceSet resources, List<Integer> gpuIds) implements RayoMessage {
    /** Holds nothing. */
    public static final Allocation NONE = new Allocation(ResourceSet.EMPTY, List.of());
}
