package dev.rayo.runtime;

/**
 * Something that runs beside a node when its jar is on the classpath, found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/dev.rayo.runtime.NodeAddon} file): the dashboard is one. It lets a module built
 * on the runtime start with every node without the runtime depending on it.
 */
public interface NodeAddon {
    /**
     * Starts beside {@code runtime}, which is up; returns what to close when the runtime shuts down, or null
     * when this addon decided not to run (switched off by configuration, or not wanted on this kind of node).
     *
     * @throws RuntimeException when the addon is configured but can't start; the runtime then stops
     */
    AutoCloseable start(AkkaRayoRuntime runtime);
}
