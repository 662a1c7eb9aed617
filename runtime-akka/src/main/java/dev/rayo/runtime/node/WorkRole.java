package dev.rayo.runtime.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.rayo.runtime.config.ConfigReads;

import java.util.Map;
import java.util.Set;

/**
 * {@code rayo.akka.role}: inside an application's own cluster, only members with this role run Rayo work.
 * A member without it keeps a full Rayo node (it submits tasks, calls actors, holds the objects it puts) but
 * offers no resources, and placement, which only chooses nodes whose gossiped resources fit, never sends it
 * a task or an actor. Doing it through the offered resources keeps one rule for placement instead of a second
 * filter on roles in every place that chooses a node.
 */
final class WorkRole {
    /** The key naming the role. */
    static final String KEY = "rayo.akka.role";

    private WorkRole() {
    }

    /** The role members need, or "" when every member runs Rayo work. */
    static String required(Config config) {
        return ConfigReads.read(KEY, () -> config.getString(KEY)).trim();
    }

    /**
     * {@code config} unchanged for a member that runs Rayo work, else with no CPUs, GPUs or custom resources.
     *
     * @param memberRoles this member's cluster roles
     */
    static Config gate(Config config, Set<String> memberRoles) {
        String role = required(config);
        if (role.isEmpty() || memberRoles.contains(role)) {
            return config;
        }
        return config.withValue("rayo.num-cpus", ConfigValueFactory.fromAnyRef(0))
                .withValue("rayo.num-gpus", ConfigValueFactory.fromAnyRef(0))
                .withValue("rayo.resources", ConfigValueFactory.fromMap(Map.of()));
    }
}
