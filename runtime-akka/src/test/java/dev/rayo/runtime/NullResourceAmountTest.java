package dev.rayo.runtime;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code null} resource amount, as a Ray user passes a boxed {@code Double} (Ray's {@code setResource} takes
 * one), fails with an {@link IllegalArgumentException} naming the resource, not a bare NPE; the runtime
 * serves on.
 */
class NullResourceAmountTest {

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(
            RayoConfig.builder().numCpus(2).resource("Custom", 2).build());

    /** A boxed amount that is missing, e.g. read from a map that has no entry for it. */
    private static final Double MISSING = null;

    private static void assertNamed(String resource, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(resource), e.getMessage());
    }

    @Test
    void aNullAmountNamesTheResourceAndTheRuntimeServesOn() {
        assertNamed("CPU", () -> Rayo.task(Fns::add, 1, 2).setResource("CPU", MISSING).remote());
        assertNamed("Custom", () -> Rayo.actor(Counter::new).setResource("Custom", MISSING).remote());
        assertNamed("Custom", () -> RayoConfig.builder().resource("Custom", MISSING));
        Map<String, Double> amounts = new HashMap<>();
        amounts.put("CPU", 1.0);
        amounts.put("Custom", null);
        assertNamed("Custom", () -> Rayo.task(Fns::add, 1, 2).setResources(amounts).remote());
        assertNamed("Custom", () -> Rayo.actor(Counter::new).setResources(amounts).remote());
        assertNamed("null", () -> Rayo.task(Fns::add, 1, 2).setResource(null, 1).remote());

        assertEquals(3, Rayo.get(Rayo.task(Fns::add, 1, 2).setResource("CPU", Double.valueOf(0.5)).remote()));
        ActorHandle<Counter> counter = Rayo.actor(Counter::new).setResource("Custom", 1.0).remote();
        assertEquals(1, Rayo.get(counter.task(Counter::increment).remote()));
    }
}
