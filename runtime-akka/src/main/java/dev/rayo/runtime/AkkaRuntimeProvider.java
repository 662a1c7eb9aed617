package dev.rayo.runtime;

import dev.rayo.api.RayoConfig;
import dev.rayo.api.RayoRuntime;
import dev.rayo.api.spi.RayoRuntimeProvider;

/** Lets {@code Rayo.init()} find the Akka runtime through {@link java.util.ServiceLoader}. */
public final class AkkaRuntimeProvider implements RayoRuntimeProvider {

    @Override
    public RayoRuntime start(RayoConfig config) {
        return AkkaRayoRuntime.start(config);
    }
}
