package dev.rayo.api.spi;

import dev.rayo.api.RayoConfig;
import dev.rayo.api.RayoRuntime;

/**
 * Starts a runtime; found with {@link java.util.ServiceLoader} by {@code Rayo.init()}, so the API needs no
 * compile-time dependency on the runtime.
 */
public interface RayoRuntimeProvider {

    /** Starts a runtime configured by {@code config} (builder values override the HOCON file). */
    RayoRuntime start(RayoConfig config);
}
