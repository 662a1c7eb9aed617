package dev.rayo.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.exception.RayoConfigException;

import java.time.Duration;

import static dev.rayo.runtime.config.ConfigReads.positive;
import static dev.rayo.runtime.config.ConfigReads.read;

/**
 * The runtime's timeouts, intervals and retry limits: values that were constants in the runtime's classes,
 * now {@code rayo.*} keys documented in reference.conf (whose defaults are those constants). Every read
 * wraps HOCON's errors in a {@link RayoConfigException} naming the key, and every value is range-checked.
 *
 * @param askTimeout                  {@code rayo.ask-timeout}: how long an ask to a system actor of this or
 *                                    another node (an object chunk pulled from another host, the scheduler's
 *                                    stop) waits for its answer
 * @param ownerFetchTimeout           {@code rayo.object.owner-fetch-timeout}: how long one ask to an object's
 *                                    owner for its value waits before it is asked again
 * @param getSpinNanos                {@code rayo.get.spin-nanos} (or the system property of that name, which
 *                                    overrides it): nanoseconds a get outside any task polls before parking;
 *                                    see {@link #effectiveGetSpinNanos()} for the value to use
 * @param maxReconstructionsPerGet    {@code rayo.get.max-reconstructions}: how many times one get re-makes a
 *                                    lost object this process owns from its lineage
 * @param maxLostCopyWaits            {@code rayo.get.max-lost-copy-waits}: how many times one get asks a live
 *                                    owner in another process again for an object whose holder vanished
 * @param loadPublishInterval         {@code rayo.node.load-publish-interval}: how often the node publishes its
 *                                    load to the cluster's node table
 * @param callResendCheckInterval     {@code rayo.actor.call-resend-check-interval}: how often unacknowledged
 *                                    actor calls are checked for one due to be sent again
 * @param removedNodeDelay            {@code rayo.actor.removed-node-delay}: how long calls to a removed node's
 *                                    actors are held back (until its shards moved), and how long stale reports
 *                                    from it are ignored
 * @param restartCheckDelay           {@code rayo.actor.restart-check-delay}: how long an entity that got a call
 *                                    but no Create waits before it looks itself up in the actor table
 * @param tableMajorityReadAttempts   {@code rayo.actor.table-majority-read-attempts}: majority reads of the
 *                                    actor table that may time out before the node's own copy is used (>= 1)
 * @param tableMajorityTimeout        {@code rayo.actor.table-majority-timeout}: how long a majority read or
 *                                    write of the actor table waits
 * @param directoryTimeout            {@code rayo.actor.directory-timeout}: how long a named-actor lookup
 *                                    waits for the replicator's answer, and a name's claim for its writer
 * @param directoryMajorityTimeout    {@code rayo.actor.directory-majority-timeout}: how long a named-actor
 *                                    majority read or write waits for a majority
 * @param maxSpillHops                {@code rayo.scheduler.max-spill-hops}: how many times a task may be spilled
 *                                    between nodes before it queues where it is
 * @param maxLostInputWaits           {@code rayo.scheduler.max-lost-input-waits}: how many times a task whose
 *                                    input's holder vanished backs off before it fails
 * @param codeFetchChunkBytes         {@code rayo.code-fetch.chunk-bytes}: bytes per chunk when a node downloads
 *                                    a task owner's jars (4 KiB..240 KiB)
 * @param codeFetchTimeout            {@code rayo.code-fetch.timeout}: how long listing the owner's jars, and
 *                                    each chunk, may wait for its answer
 * @param createSchemaTimeout         {@code rayo.persistence.create-schema-timeout}: how long creating the
 *                                    journal's tables may take
 * @param schedulerLoadRefreshInterval {@code rayo.scheduler.load-refresh-interval}: how often the scheduler
 *                                    publishes the node's load without a scheduling event
 * @param infeasibleRecheckInterval   {@code rayo.scheduler.infeasible-recheck-interval}: how often a waiting
 *                                    infeasible request is checked against newly joined nodes
 * @param callResendMaxDelay          {@code rayo.actor.call-resend-max-delay}: the longest wait between two
 *                                    resends of one unacknowledged actor call
 * @param schedulerPipelineDepth      {@code rayo.scheduler.pipeline-depth}: how many unfinished tasks the
 *                                    scheduler hands one busy worker lane (1 = one at a time)
 * @param schedulerPublishDelay       {@code rayo.scheduler.publish-delay}: how long after a scheduling event
 *                                    the node's free resources are published (0 = after the mailbox's
 *                                    current messages)
 * @param schedulerLaneLinger         {@code rayo.scheduler.lane-linger}: how long an idle worker lane waits
 *                                    for a next task of its shape before it ends and frees its resources
 */
public record RuntimeTuning(Duration askTimeout, Duration ownerFetchTimeout, long getSpinNanos,
                            int maxReconstructionsPerGet, int maxLostCopyWaits, Duration loadPublishInterval,
                            Duration callResendCheckInterval, Duration removedNodeDelay, Duration restartCheckDelay,
                            int tableMajorityReadAttempts, Duration tableMajorityTimeout, Duration directoryTimeout,
                            Duration directoryMajorityTimeout, int maxSpillHops, int maxLostInputWaits,
                            int codeFetchChunkBytes, Duration codeFetchTimeout, Duration createSchemaTimeout,
                            Duration schedulerLoadRefreshInterval, Duration infeasibleRecheckInterval,
                            Duration callResendMaxDelay, int schedulerPipelineDepth, Duration schedulerPublishDelay,
                            Duration schedulerLaneLinger) {

    /** The system property that overrides {@code rayo.get.spin-nanos} (it was the only way to set it before). */
    public static final String SPIN_NANOS_PROPERTY = "rayo.get.spin-nanos";

    /** Validates the values (a record built by hand gets the same checks as one read from configuration). */
    public RuntimeTuning {
        positive("rayo.ask-timeout", askTimeout);
        positive("rayo.object.owner-fetch-timeout", ownerFetchTimeout);
        atLeast("rayo.get.spin-nanos", getSpinNanos, 0);
        atLeast("rayo.get.max-reconstructions", maxReconstructionsPerGet, 0);
        atLeast("rayo.get.max-lost-copy-waits", maxLostCopyWaits, 0);
        positive("rayo.node.load-publish-interval", loadPublishInterval);
        positive("rayo.actor.call-resend-check-interval", callResendCheckInterval);
        positive("rayo.actor.removed-node-delay", removedNodeDelay);
        positive("rayo.actor.restart-check-delay", restartCheckDelay);
        atLeast("rayo.actor.table-majority-read-attempts", tableMajorityReadAttempts, 1);
        positive("rayo.actor.table-majority-timeout", tableMajorityTimeout);
        positive("rayo.actor.directory-timeout", directoryTimeout);
        positive("rayo.actor.directory-majority-timeout", directoryMajorityTimeout);
        if (directoryTimeout.compareTo(directoryMajorityTimeout) <= 0) {
            // The replicator answers a majority operation that timed out only after directory-majority-timeout:
            // a shorter ask would give up before that answer, and a lookup would never fall back to the local copy.
            throw new RayoConfigException("rayo.actor.directory-timeout (" + directoryTimeout
                    + ") must be longer than rayo.actor.directory-majority-timeout (" + directoryMajorityTimeout + ")");
        }
        atLeast("rayo.scheduler.max-spill-hops", maxSpillHops, 0);
        atLeast("rayo.scheduler.max-lost-input-waits", maxLostInputWaits, 0);
        if (codeFetchChunkBytes < 4 << 10 || codeFetchChunkBytes > 240 << 10) {
            throw new RayoConfigException("rayo.code-fetch.chunk-bytes must be 4 KiB..240 KiB (a chunk travels in one"
                    + " Artery frame of 256 KiB), was " + codeFetchChunkBytes);
        }
        positive("rayo.code-fetch.timeout", codeFetchTimeout);
        positive("rayo.persistence.create-schema-timeout", createSchemaTimeout);
        positive("rayo.scheduler.load-refresh-interval", schedulerLoadRefreshInterval);
        positive("rayo.scheduler.infeasible-recheck-interval", infeasibleRecheckInterval);
        positive("rayo.actor.call-resend-max-delay", callResendMaxDelay);
        atLeast("rayo.scheduler.pipeline-depth", schedulerPipelineDepth, 1);
        if (schedulerPublishDelay.isNegative()) {
            throw new RayoConfigException("rayo.scheduler.publish-delay must be >= 0, was " + schedulerPublishDelay);
        }
        if (schedulerLaneLinger.isNegative()) {
            throw new RayoConfigException("rayo.scheduler.lane-linger must be >= 0, was " + schedulerLaneLinger);
        }
    }

    /**
     * Reads and validates the tuning keys of {@code config}'s {@code rayo} section. The system property
     * {@value #SPIN_NANOS_PROPERTY}, when set, overrides {@code rayo.get.spin-nanos} (configurations built
     * with system properties as overrides, as Rayo's own and {@code ConfigFactory.load()} are, already carry it).
     *
     * @throws RayoConfigException naming the key of a missing, malformed or out-of-range value
     */
    public static RuntimeTuning from(Config config) {
        Config c = read("rayo", () -> config.getConfig("rayo"));
        return new RuntimeTuning(
                duration(c, "ask-timeout"),
                duration(c, "object.owner-fetch-timeout"),
                spinNanos(c),
                integer(c, "get.max-reconstructions"),
                integer(c, "get.max-lost-copy-waits"),
                duration(c, "node.load-publish-interval"),
                duration(c, "actor.call-resend-check-interval"),
                duration(c, "actor.removed-node-delay"),
                duration(c, "actor.restart-check-delay"),
                integer(c, "actor.table-majority-read-attempts"),
                duration(c, "actor.table-majority-timeout"),
                duration(c, "actor.directory-timeout"),
                duration(c, "actor.directory-majority-timeout"),
                integer(c, "scheduler.max-spill-hops"),
                integer(c, "scheduler.max-lost-input-waits"),
                bytes(c, "code-fetch.chunk-bytes"),
                duration(c, "code-fetch.timeout"),
                duration(c, "persistence.create-schema-timeout"),
                duration(c, "scheduler.load-refresh-interval"),
                duration(c, "scheduler.infeasible-recheck-interval"),
                duration(c, "actor.call-resend-max-delay"),
                integer(c, "scheduler.pipeline-depth"),
                duration(c, "scheduler.publish-delay"),
                duration(c, "scheduler.lane-linger"));
    }

    /**
     * The defaults of reference.conf (with the {@value #SPIN_NANOS_PROPERTY} system property applied, if set),
     * for code that runs without a node's configuration.
     */
    public static RuntimeTuning defaults() {
        return from(ConfigFactory.defaultReference(RuntimeTuning.class.getClassLoader()));
    }

    /** The spin to use on this machine: {@link #getSpinNanos()}, or 0 when the machine has a single CPU. */
    public long effectiveGetSpinNanos() {
        return Runtime.getRuntime().availableProcessors() < 2 ? 0 : getSpinNanos;
    }

    private static long spinNanos(Config c) {
        String property = System.getProperty(SPIN_NANOS_PROPERTY);
        if (property == null) {
            return read("rayo.get.spin-nanos", () -> c.getLong("get.spin-nanos"));
        }
        try {
            return Long.parseLong(property.trim());
        } catch (NumberFormatException e) {
            throw new RayoConfigException("rayo.get.spin-nanos (system property -D" + SPIN_NANOS_PROPERTY
                    + ") must be a whole number of nanoseconds, was '" + property + "'");
        }
    }

    private static Duration duration(Config c, String key) {
        return read("rayo." + key, () -> c.getDuration(key));
    }

    /** A whole number: HOCON's getInt would silently truncate 1.5 to 1. */
    private static int integer(Config c, String key) {
        Number n = read("rayo." + key, () -> c.getNumber(key));
        if (n instanceof Double || n instanceof Float || n.longValue() != (int) n.longValue()) {
            throw new RayoConfigException("rayo." + key + " must be a whole number (an int), was " + n);
        }
        return n.intValue();
    }

    private static int bytes(Config c, String key) {
        long bytes = read("rayo." + key, () -> c.getBytes(key));
        if (bytes > Integer.MAX_VALUE) {
            throw new RayoConfigException("rayo." + key + " is too large: " + bytes + " bytes");
        }
        return (int) bytes;
    }

    private static void atLeast(String key, long v, long min) {
        if (v < min) {
            throw new RayoConfigException(key + " must be >= " + min + ", was " + v);
        }
    }
}
