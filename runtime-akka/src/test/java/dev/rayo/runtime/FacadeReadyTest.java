package dev.rayo.runtime;

import dev.rayo.api.RayoConfig;
import dev.rayo.api.spi.CurrentRuntime;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A node started without {@code Rayo.init} ({@code rayo start}) runs work as soon as it joins, before its start
 * returns: the facade must already be its runtime, or a task calling {@code Rayo.*} there fails with "Rayo is not
 * initialized in this JVM".
 */
class FacadeReadyTest {

    /** Registered for every runtime of these tests; records what the facade held while the node started. */
    public static final class Probe implements NodeAddon {
        static final Map<AkkaRayoRuntime, Object> SEEN = new ConcurrentHashMap<>();

        @Override
        public AutoCloseable start(AkkaRayoRuntime runtime) {
            Object installed = CurrentRuntime.orNull();
            SEEN.put(runtime, installed == null ? "none" : installed);
            return null;
        }
    }

    @Test
    void aNodeIsTheFacadesRuntimeBeforeItsStartReturnsAndNoLongerAfterShutdown() {
        assertNull(CurrentRuntime.orNull(), "another test left a runtime installed");
        AkkaRayoRuntime node = AkkaRayoRuntime.start(RayoConfig.builder().numCpus(1).build(),
                AkkaRayoRuntime.Role.NODE);
        try {
            assertSame(node, Probe.SEEN.get(node));
            assertSame(node, CurrentRuntime.orNull());
        } finally {
            node.shutdown();
        }
        assertNull(CurrentRuntime.orNull());
    }
}
