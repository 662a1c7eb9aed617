package dev.rayo.runtime;

import dev.rayo.api.RuntimeContext;
import dev.rayo.runtime.scheduler.NodeScheduler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link RuntimeContext} of the calling thread, answered from the node's scheduler for resources. */
record NodeContext(String nodeId, String taskId, Optional<String> actorId, List<Integer> gpuIds,
                   Supplier<NodeScheduler.ResourceView> resources) implements RuntimeContext {

    @Override
    public Map<String, Double> clusterResources() {
        return resources.get().total().toAmounts();
    }

    @Override
    public Map<String, Double> availableResources() {
        return resources.get().available().toAmounts();
    }
}
