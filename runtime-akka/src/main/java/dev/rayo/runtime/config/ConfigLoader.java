package dev.rayo.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoConfigException;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Layers the configuration of a node: RayoConfig builder values, then system properties and
 * application.conf, then Rayo's node defaults ({@code rayo-node.conf}), then every reference.conf; and
 * rejects unknown {@code rayo.*} keys, so a typo fails at start-up instead of being silently ignored.
 */
public final class ConfigLoader {
    /** Sections whose keys are free-form (custom resource names, dispatcher settings). */
    private static final List<String> OPEN_SECTIONS = List.of("rayo.resources.", "rayo.worker-dispatcher.",
            "rayo.actor-dispatcher.", "rayo.persistent-actor-dispatcher.", "rayo.store-dispatcher.");

    private ConfigLoader() {
    }

    /** The full configuration of a node started with {@code config}. */
    public static Config load(RayoConfig config) {
        Config overrides;
        try {
            overrides = ConfigFactory.parseMap(config.overrides(), "RayoConfig builder");
        } catch (ConfigException e) {
            throw new RayoConfigException("malformed RayoConfig key: " + e.getMessage(), e);
        }
        Config full;
        try {
            full = overrides
                    .withFallback(ConfigFactory.defaultOverrides())
                    .withFallback(ConfigFactory.defaultApplication())
                    .withFallback(ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "rayo-node.conf"))
                    .withFallback(ConfigFactory.defaultReference())
                    .resolve();
        } catch (ConfigException e) {
            throw new RayoConfigException("configuration can't be read: " + e.getMessage(), e);
        }
        rejectUnknownKeys(full);
        return full;
    }

    /** Throws naming every {@code rayo.*} key that reference.conf does not define. */
    public static void rejectUnknownKeys(Config full) {
        Config known = ConfigFactory.defaultReference(ConfigLoader.class.getClassLoader());
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : full.getConfig("rayo").entrySet()) {
            String key = "rayo." + e.getKey();
            if (OPEN_SECTIONS.stream().noneMatch(key::startsWith) && !known.hasPath(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new RayoConfigException("unknown configuration key(s) " + unknown
                    + "; reference.conf of rayo-runtime-akka lists every rayo.* key");
        }
    }
}
