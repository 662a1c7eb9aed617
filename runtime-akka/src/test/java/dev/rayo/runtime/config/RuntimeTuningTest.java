package dev.rayo.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tuning keys of reference.conf: their defaults are the constants they replace, and they are validated. */
class RuntimeTuningTest {

    private static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve();
    }

    private static void assertRejected(String hocon, String key) {
        RayoConfigException e = assertThrows(RayoConfigException.class, () -> RuntimeTuning.from(with(hocon)));
        assertTrue(e.getMessage().contains(key), () -> "message should name " + key + ": " + e.getMessage());
    }

    @Test
    void defaultsAreTheFormerConstants() {
        RuntimeTuning t = RuntimeTuning.defaults();
        assertEquals(Duration.ofSeconds(10), t.askTimeout());
        assertEquals(Duration.ofMinutes(10), t.ownerFetchTimeout());
        if (System.getProperty(RuntimeTuning.SPIN_NANOS_PROPERTY) == null) {
            assertEquals(20_000L, t.getSpinNanos());
        }
        assertEquals(3, t.maxReconstructionsPerGet());
        assertEquals(40, t.maxLostCopyWaits());
        assertEquals(Duration.ofMillis(100), t.loadPublishInterval());
        assertEquals(Duration.ofSeconds(1), t.callResendCheckInterval());
        assertEquals(Duration.ofSeconds(5), t.removedNodeDelay());
        assertEquals(Duration.ofSeconds(1), t.restartCheckDelay());
        assertEquals(3, t.tableMajorityReadAttempts());
        assertEquals(Duration.ofSeconds(3), t.tableMajorityTimeout());
        assertEquals(Duration.ofSeconds(10), t.directoryTimeout());
        assertEquals(Duration.ofSeconds(3), t.directoryMajorityTimeout());
        assertEquals(3, t.maxSpillHops());
        assertEquals(20, t.maxLostInputWaits());
        assertEquals(192 * 1024, t.codeFetchChunkBytes());
        assertEquals(Duration.ofSeconds(30), t.codeFetchTimeout());
        assertEquals(Duration.ofSeconds(60), t.createSchemaTimeout());
        assertEquals(Duration.ofSeconds(1), t.schedulerLoadRefreshInterval());
        assertEquals(Duration.ofSeconds(1), t.infeasibleRecheckInterval());
        assertEquals(Duration.ofMinutes(8), t.callResendMaxDelay());
        assertEquals(4, t.schedulerPipelineDepth());
        assertEquals(Duration.ofMillis(10), t.schedulerPublishDelay());
        assertEquals(Duration.ofMillis(2), t.schedulerLaneLinger());
        // The settings of a node carry the same values.
        assertEquals(t, RayoSettings.from(ConfigFactory.load()).tuning());
    }

    @Test
    void overridesAreRead() {
        RuntimeTuning t = RuntimeTuning.from(with("""
                rayo.ask-timeout = 2s
                rayo.object.owner-fetch-timeout = 1m
                rayo.get { spin-nanos = 0, max-reconstructions = 0, max-lost-copy-waits = 7 }
                rayo.node.load-publish-interval = 250ms
                rayo.actor {
                  call-resend-check-interval = 500ms
                  removed-node-delay = 8s
                  restart-check-delay = 2s
                  table-majority-read-attempts = 5
                  table-majority-timeout = 4s
                  directory-timeout = 20s
                  directory-majority-timeout = 6s
                }
                rayo.scheduler { max-spill-hops = 0, max-lost-input-waits = 9, pipeline-depth = 1, publish-delay = 0s, lane-linger = 50ms }
                rayo.code-fetch { chunk-bytes = 64 KiB, timeout = 1m }
                rayo.persistence.create-schema-timeout = 2m
                """));
        assertEquals(Duration.ofSeconds(2), t.askTimeout());
        assertEquals(Duration.ofMinutes(1), t.ownerFetchTimeout());
        if (System.getProperty(RuntimeTuning.SPIN_NANOS_PROPERTY) == null) {
            assertEquals(0L, t.getSpinNanos());
            assertEquals(0L, t.effectiveGetSpinNanos());
        }
        assertEquals(0, t.maxReconstructionsPerGet());
        assertEquals(7, t.maxLostCopyWaits());
        assertEquals(1, t.schedulerPipelineDepth());
        assertEquals(Duration.ZERO, t.schedulerPublishDelay());
        assertEquals(Duration.ofMillis(50), t.schedulerLaneLinger());
        assertEquals(Duration.ofMillis(250), t.loadPublishInterval());
        assertEquals(Duration.ofMillis(500), t.callResendCheckInterval());
        assertEquals(Duration.ofSeconds(8), t.removedNodeDelay());
        assertEquals(Duration.ofSeconds(2), t.restartCheckDelay());
        assertEquals(5, t.tableMajorityReadAttempts());
        assertEquals(Duration.ofSeconds(4), t.tableMajorityTimeout());
        assertEquals(Duration.ofSeconds(20), t.directoryTimeout());
        assertEquals(Duration.ofSeconds(6), t.directoryMajorityTimeout());
        assertEquals(0, t.maxSpillHops());
        assertEquals(9, t.maxLostInputWaits());
        assertEquals(64 * 1024, t.codeFetchChunkBytes());
        assertEquals(Duration.ofMinutes(1), t.codeFetchTimeout());
        assertEquals(Duration.ofMinutes(2), t.createSchemaTimeout());
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        assertRejected("rayo.ask-timeout = -1s", "rayo.ask-timeout");
        assertRejected("rayo.actor.restart-check-delay = 0s", "rayo.actor.restart-check-delay");
        assertRejected("rayo.object.owner-fetch-timeout = soon", "rayo.object.owner-fetch-timeout");
        assertRejected("rayo.actor.table-majority-read-attempts = 0", "rayo.actor.table-majority-read-attempts");
        assertRejected("rayo.scheduler.max-spill-hops = -1", "rayo.scheduler.max-spill-hops");
        assertRejected("rayo.scheduler.max-lost-input-waits = many", "rayo.scheduler.max-lost-input-waits");
        assertRejected("rayo.get.max-lost-copy-waits = 1.5", "rayo.get.max-lost-copy-waits");
        assertRejected("rayo.code-fetch.chunk-bytes = 1 MiB", "rayo.code-fetch.chunk-bytes");
        assertRejected("rayo.actor.directory-timeout = 2s", "rayo.actor.directory-timeout");
        assertRejected("rayo.scheduler.pipeline-depth = 0", "rayo.scheduler.pipeline-depth");
        assertRejected("rayo.scheduler.pipeline-depth = 2.5", "rayo.scheduler.pipeline-depth");
        assertRejected("rayo.scheduler.publish-delay = -1ms", "rayo.scheduler.publish-delay");
        assertRejected("rayo.scheduler.lane-linger = -1ms", "rayo.scheduler.lane-linger");
        assertRejected("rayo.scheduler.lane-linger = later", "rayo.scheduler.lane-linger");
        if (System.getProperty(RuntimeTuning.SPIN_NANOS_PROPERTY) == null) {
            assertRejected("rayo.get.spin-nanos = -5", "rayo.get.spin-nanos");
            assertRejected("rayo.get.spin-nanos = [1]", "rayo.get.spin-nanos");
        }
        // RayoSettings reads the tuning too, so a node fails at start-up.
        RayoConfigException e = assertThrows(RayoConfigException.class,
                () -> RayoSettings.from(with("rayo.node.load-publish-interval = -100ms")));
        assertTrue(e.getMessage().contains("rayo.node.load-publish-interval"), e.getMessage());
    }

    @Test
    void theSpinSystemPropertyOverridesTheKey() {
        String before = System.getProperty(RuntimeTuning.SPIN_NANOS_PROPERTY);
        try {
            System.setProperty(RuntimeTuning.SPIN_NANOS_PROPERTY, "1234");
            assertEquals(1234L, RuntimeTuning.from(with("rayo.get.spin-nanos = 5")).getSpinNanos());
            System.setProperty(RuntimeTuning.SPIN_NANOS_PROPERTY, "fast");
            RayoConfigException e = assertThrows(RayoConfigException.class, RuntimeTuning::defaults);
            assertTrue(e.getMessage().contains("rayo.get.spin-nanos"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(RuntimeTuning.SPIN_NANOS_PROPERTY);
            } else {
                System.setProperty(RuntimeTuning.SPIN_NANOS_PROPERTY, before);
            }
        }
    }

    @Test
    void configLoaderAcceptsTheNewKeysAndStillRejectsUnknownOnes() {
        Config full = ConfigLoader.load(RayoConfig.builder()
                .set("rayo.get.spin-nanos", 0)
                .set("rayo.scheduler.max-spill-hops", 1)
                .set("rayo.actor.restart-check-delay", "3s")
                .set("rayo.code-fetch.timeout", "10s")
                .build());
        RuntimeTuning t = RayoSettings.from(full).tuning();
        assertEquals(1, t.maxSpillHops());
        assertEquals(Duration.ofSeconds(3), t.restartCheckDelay());
        assertEquals(Duration.ofSeconds(10), t.codeFetchTimeout());

        RayoConfigException e = assertThrows(RayoConfigException.class, () -> ConfigLoader.load(RayoConfig.builder()
                .set("rayo.scheduler.max-spill-hop", 1).set("rayo.get.spin-nano", 1).build()));
        assertTrue(e.getMessage().contains("rayo.scheduler.max-spill-hop"), e.getMessage());
        assertTrue(e.getMessage().contains("rayo.get.spin-nano"), e.getMessage());
    }
}
