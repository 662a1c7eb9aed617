package dev.rayo.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.exception.RayoConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rayo.transfer.mode} and {@code rayo.transfer.port}: stream on any free port by default, and validated. */
class TransferSettingsTest {

    private static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve();
    }

    @Test
    void objectsStreamOnAnyFreePortByDefault() {
        RayoSettings settings = RayoSettings.from(ConfigFactory.load());
        assertEquals("stream", settings.transferMode());
        assertTrue(settings.transferStreams());
        assertEquals(0, settings.transferPort());
    }

    @Test
    void akkaModeAndAFixedPortAreAccepted() {
        RayoSettings settings = RayoSettings.from(with("rayo.transfer { mode = akka, port = 7070 }"));
        assertFalse(settings.transferStreams());
        assertEquals(7070, settings.transferPort());
    }

    @Test
    void anUnknownModeOrAPortOutOfRangeIsRejectedNamingItsKey() {
        RayoConfigException mode = assertThrows(RayoConfigException.class,
                () -> RayoSettings.from(with("rayo.transfer.mode = tcp")));
        assertTrue(mode.getMessage().contains("rayo.transfer.mode"), mode.getMessage());
        RayoConfigException port = assertThrows(RayoConfigException.class,
                () -> RayoSettings.from(with("rayo.transfer.port = 70000")));
        assertTrue(port.getMessage().contains("rayo.transfer.port"), port.getMessage());
    }
}
