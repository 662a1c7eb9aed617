package dev.rayo.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RayoConfigTest {

    @Test
    void defaultsOverrideNothing() {
        RayoConfig config = RayoConfig.defaults();

        assertEquals(Map.of(), config.overrides());
        assertEquals("RayoConfig{}", config.toString());
        assertEquals(Map.of(), RayoConfig.builder().build().overrides());
    }

    @Test
    void eachSetterSetsItsHoconKeyInTheOrderCalled() {
        RayoConfig config = RayoConfig.builder()
                .numCpus(4)
                .numGpus(2)
                .objectStoreBytes(1L << 30)
                .objectStoreDirectory("/dev/shm/rayo")
                .address("10.0.0.1:2552")
                .inlineThresholdBytes(100_000L)
                .set("akka.loglevel", "DEBUG")
                .build();

        assertEquals(List.of(
                Map.entry("rayo.num-cpus", 4),
                Map.entry("rayo.num-gpus", 2),
                Map.entry("rayo.object-store.capacity-bytes", 1L << 30),
                Map.entry("rayo.object-store.directory", "/dev/shm/rayo"),
                Map.entry("rayo.address", "10.0.0.1:2552"),
                Map.entry("rayo.inline-threshold-bytes", 100_000L),
                Map.entry("akka.loglevel", "DEBUG")), List.copyOf(config.overrides().entrySet()));
    }

    @Test
    void namespaceSetsItsKeyAndRefusesABlankOne() {
        assertEquals(Map.of("rayo.namespace", "team-a"), RayoConfig.builder().namespace("team-a").build().overrides());
        assertThrows(IllegalArgumentException.class, () -> RayoConfig.builder().namespace(" "));
        assertThrows(IllegalArgumentException.class, () -> RayoConfig.builder().namespace(null));
    }

    @Test
    void resourcesAreQuotedKeysAfterTheOtherSettings() {
        RayoConfig config = RayoConfig.builder()
                .resource("accelerator_type:A100", 1.0)
                .numCpus(8)
                .resource("memory.gb", 64.0)
                .build();

        assertEquals(List.of(
                Map.entry("rayo.num-cpus", 8),
                Map.entry("rayo.resources.\"accelerator_type:A100\"", 1.0),
                Map.entry("rayo.resources.\"memory.gb\"", 64.0)), List.copyOf(config.overrides().entrySet()));
    }

    @Test
    void theLastValueOfAKeyWins() {
        RayoConfig config = RayoConfig.builder()
                .numCpus(2)
                .set("rayo.num-cpus", 3)
                .resource("TPU", 1.0)
                .resource("TPU", 4.0)
                .build();

        assertEquals(Map.of("rayo.num-cpus", 3, "rayo.resources.\"TPU\"", 4.0), config.overrides());
    }

    @Test
    void aBuiltConfigIsImmutableAndIndependentOfItsBuilder() {
        RayoConfig.Builder builder = RayoConfig.builder().numCpus(1);
        RayoConfig first = builder.build();
        builder.numCpus(16).resource("GPU", 1.0);

        assertEquals(Map.of("rayo.num-cpus", 1), first.overrides());
        assertEquals("RayoConfig{rayo.num-cpus=1}", first.toString());
        assertThrows(UnsupportedOperationException.class, () -> first.overrides().put("rayo.num-gpus", 1));
    }
}
