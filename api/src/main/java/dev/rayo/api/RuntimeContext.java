package dev.rayo.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the running code can learn about where and as what it runs. */
public interface RuntimeContext {

    /** The id of the node this code runs on. */
    String nodeId();

    /** The id of the running task or actor call; on a driver thread, the driver's own id. */
    String taskId();

    /** The id of the actor whose method is running; empty outside actors. */
    Optional<String> actorId();

    /** The GPU ids assigned to the running task or actor; empty when it asked for none. */
    List<Integer> gpuIds();

    /** Total resources of every node in the cluster, by name ({@code CPU}, {@code GPU}, custom names). */
    Map<String, Double> clusterResources();

    /** Resources not held by running tasks and actors right now, summed over the cluster. */
    Map<String, Double> availableResources();
}
