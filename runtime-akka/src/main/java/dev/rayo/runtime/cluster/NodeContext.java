package dev.rayo.runtime.cluster;

import dev.rayo.api.RuntimeContext;
import dev.rayo.runtime.wire.ResourceSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@link RuntimeContext} of the calling thread; cluster resources are summed over the gossiped node table. */
public record NodeContext(String nodeId, String taskId, Optional<String> actorId, List<Integer> gpuIds,
                   ClusterView view) implements RuntimeContext {

    @Override
    public Map<String, Double> clusterResources() {
        return sum(NodeInfo::total);
    }

    @Override
    public Map<String, Double> availableResources() {
        return sum(NodeInfo::available);
    }

    private Map<String, Double> sum(Function<NodeInfo, ResourceSet> part) {
        ResourceSet total = ResourceSet.EMPTY;
        for (NodeInfo n : view.nodes()) {
            total = total.plus(part.apply(n));
        }
        return total.toAmounts();
    }
}
