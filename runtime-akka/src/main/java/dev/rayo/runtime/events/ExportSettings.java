package dev.rayo.runtime.events;

import com.typesafe.config.Config;
import dev.rayo.api.exception.RayoConfigException;

import static dev.rayo.runtime.config.ConfigReads.positive;
import static dev.rayo.runtime.config.ConfigReads.read;

import java.time.Duration;

/**
 * How task events are exported to the journal database ({@code rayo.events.export = jdbc}), read and checked at
 * node start so a bad value fails there, naming its key, whether export is on or not.
 *
 * @param interval  {@code rayo.events.export-interval}: how often new events are written (duration > 0)
 * @param batchSize {@code rayo.events.export-batch-size}: rows per JDBC batch insert, each its own transaction
 *                  (1..100000)
 * @param timeout   {@code rayo.events.export-timeout}: how long logging in to the database, one batch insert,
 *                  and the last flush at node shutdown may each take (duration > 0)
 */
public record ExportSettings(Duration interval, int batchSize, Duration timeout) {

    /** Checks the values, so a record built by hand gets the checks of one read from configuration. */
    public ExportSettings {
        positive("rayo.events.export-interval", interval);
        if (batchSize < 1 || batchSize > 100_000) {
            throw new RayoConfigException("rayo.events.export-batch-size must be 1..100000, was " + batchSize);
        }
        positive("rayo.events.export-timeout", timeout);
    }

    /**
     * Reads {@code config}'s {@code rayo.events.export-*} keys.
     *
     * @throws RayoConfigException naming the key of a missing, malformed or out-of-range value
     */
    public static ExportSettings from(Config config) {
        Number batch = read("rayo.events.export-batch-size", () -> config.getNumber("rayo.events.export-batch-size"));
        if (batch instanceof Double || batch instanceof Float || batch.longValue() != (int) batch.longValue()) {
            throw new RayoConfigException("rayo.events.export-batch-size must be a whole number, was " + batch);
        }
        return new ExportSettings(
                read("rayo.events.export-interval", () -> config.getDuration("rayo.events.export-interval")),
                batch.intValue(),
                read("rayo.events.export-timeout", () -> config.getDuration("rayo.events.export-timeout")));
    }

}
