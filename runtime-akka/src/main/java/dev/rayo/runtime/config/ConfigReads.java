package dev.rayo.runtime.config;

import com.typesafe.config.ConfigException;
import dev.rayo.api.exception.RayoConfigException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How every settings class reads one key: a missing or malformed value becomes a {@link RayoConfigException}
 * naming the key, so every bad setting fails at start-up with the same kind of message.
 */
public final class ConfigReads {
    private ConfigReads() {
    }

    /** Reads {@code key} with {@code reader}, naming the key when it is missing or malformed. */
    public static <T> T read(String key, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigException.Missing e) {
            throw new RayoConfigException("configuration key " + key + " is missing (reference.conf of"
                    + " rayo-runtime-akka defines it): " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new RayoConfigException("configuration key " + key + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Checks that {@code d}, the value of {@code key}, is a duration above zero, and returns it. */
    public static Duration positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new RayoConfigException(key + " must be a duration > 0, was " + d);
        }
        return d;
    }
}
