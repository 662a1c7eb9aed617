package dev.rayo.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.rayo.api.exception.RayoConfigException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The typed, validated view of the {@code rayo { }} configuration section. Every read wraps HOCON's errors
 * in a {@link RayoConfigException} that names the key.
 *
 * @param address            host:port to join, or empty for a new cluster
 * @param clusterName        the actor system / cluster name
 * @param hostname           the interface remoting binds
 * @param port               the remoting port (0 = any free)
 * @param roles              cluster roles
 * @param numCpus            CPUs offered to tasks
 * @param numGpus            GPUs offered
 * @param customResources    custom resources offered
 * @param inlineThreshold    max serialized size of values carried inline
 * @param storeCapacity      store capacity in bytes, or -1 for the store's default
 * @param storeDirectory     store directory, or null for the default
 * @param spillDirectory     spill directory, or null for the default
 * @param taskMaxRetries     default task retries
 * @param actorMaxRestarts   default actor restarts
 * @param infeasibleTimeout  how long an infeasible request waits
 * @param allowedPackages    extra packages Kryo may instantiate
 * @param allowedClasses     extra classes Kryo may instantiate
 * @param trustClassFolders  accept classes from class folders on the classpath
 * @param codePath           trusted jars and class folders
 * @param eventCapacity      task events kept
 * @param startupTimeout     how long init waits for membership
 * @param maxLineage         objects whose lineage an owner keeps at most
 * @param journal            "h2" (a file on this host) or "jdbc" (as akka-persistence-jdbc is configured)
 * @param h2File             the H2 journal file, or null for the default
 * @param checkpointEvery    CHECKPOINT actors snapshot every this many calls
 * @param createSchema       whether the journal's tables are created when missing
 * @param transferChunkBytes bytes per chunk when an object is pulled from another host
 * @param transferWindow     chunks a pull keeps requested at once
 * @param callResendAfter    how long an actor call may go unacknowledged (with no node dying) before it is sent again
 * @param tuning             the runtime's timeouts, intervals and retry limits (see {@link RuntimeTuning})
 * @param namespace          this driver's actor namespace: where its (and its tasks' and actors') names live
 * @param transferMode       "stream" (objects from other hosts stream over a TCP connection per transfer) or
 *                           "akka" (chunks over Akka remoting)
 * @param transferPort       the port of this node's transfer server in stream mode (0 = any free)
 * @param storeWarmSpareMinBytes objects at least this large keep a pre-faulted spare file of their size in the
 *                           store's pool (see {@code StoreConfig.warmSpareMinBytes}); 0 = none
 * @param stateMaxObjectsPerNode the most objects of one owner that a state query reads (dashboard, CLI)
 * @param eventsExport       where task events also go: "none", or "jdbc" (the journal database)
 */
public record RayoSettings(String address, String clusterName, String hostname, int port, List<String> roles,
                           int numCpus, int numGpus, Map<String, Double> customResources, long inlineThreshold,
                           long storeCapacity, Path storeDirectory, Path spillDirectory, int taskMaxRetries,
                           int actorMaxRestarts, Duration infeasibleTimeout, List<String> allowedPackages,
                           Set<String> allowedClasses, boolean trustClassFolders, List<Path> codePath,
                           int eventCapacity, Duration startupTimeout, int maxLineage, String journal, Path h2File,
                           int checkpointEvery, boolean createSchema, int transferChunkBytes, int transferWindow,
                           Duration callResendAfter, RuntimeTuning tuning, String namespace, String transferMode,
                           int transferPort, long storeWarmSpareMinBytes, int stateMaxObjectsPerNode,
                           String eventsExport) {

    /** {@code rayo.transfer.mode}: objects stream over TCP between transfer servers. */
    public static final String TRANSFER_STREAM = "stream";
    /** {@code rayo.transfer.mode}: objects come in chunks over Akka remoting. */
    public static final String TRANSFER_AKKA = "akka";

    /** Reads and validates {@code config}'s {@code rayo} section. */
    public static RayoSettings from(Config config) {
        Config c = config.getConfig("rayo");
        String address = ConfigReads.read("rayo.address", () -> c.getString("address")).trim();
        if (!address.isEmpty()) {
            parseAddress(address);
        }
        int port = ConfigReads.read("rayo.node.port", () -> c.getInt("node.port"));
        if (port < 0 || port > 65535) {
            throw new RayoConfigException("rayo.node.port must be 0..65535, was " + port);
        }
        Map<String, Double> custom = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getConfig("resources").root().entrySet()) {
            String key = "rayo.resources." + e.getKey();
            if (e.getValue().valueType() != ConfigValueType.NUMBER) {
                throw new RayoConfigException(key + " must be a number, was " + e.getValue().render());
            }
            double amount = ((Number) e.getValue().unwrapped()).doubleValue();
            if (amount < 0) {
                throw new RayoConfigException(key + " must be >= 0, was " + amount);
            }
            if (e.getKey().equals("CPU") || e.getKey().equals("GPU")) {
                throw new RayoConfigException(key + ": set CPUs and GPUs with rayo.num-cpus / rayo.num-gpus");
            }
            custom.put(e.getKey(), amount);
        }
        return new RayoSettings(
                address,
                ConfigReads.read("rayo.cluster-name", () -> c.getString("cluster-name")),
                ConfigReads.read("rayo.node.hostname", () -> c.getString("node.hostname")),
                port,
                ConfigReads.read("rayo.node.roles", () -> c.getStringList("node.roles")),
                autoInt(c, "num-cpus", Runtime.getRuntime()::availableProcessors),
                autoInt(c, "num-gpus", RayoSettings::detectGpus),
                Map.copyOf(custom),
                nonNegative("rayo.inline-threshold-bytes", ConfigReads.read("rayo.inline-threshold-bytes", () -> c.getBytes("inline-threshold-bytes"))),
                isAuto(c, "object-store.capacity-bytes") ? -1
                        : nonNegative("rayo.object-store.capacity-bytes", ConfigReads.read("rayo.object-store.capacity-bytes", () -> c.getBytes("object-store.capacity-bytes"))),
                autoPath(c, "object-store.directory"),
                autoPath(c, "object-store.spill-directory"),
                (int) nonNegative("rayo.task.max-retries", ConfigReads.read("rayo.task.max-retries", () -> c.getInt("task.max-retries"))),
                (int) nonNegative("rayo.actor.max-restarts", ConfigReads.read("rayo.actor.max-restarts", () -> c.getInt("actor.max-restarts"))),
                ConfigReads.read("rayo.scheduler.infeasible-timeout", () -> c.getDuration("scheduler.infeasible-timeout")),
                ConfigReads.read("rayo.serialization.allowed-packages", () -> c.getStringList("serialization.allowed-packages")),
                Set.copyOf(ConfigReads.read("rayo.serialization.allowed-classes", () -> c.getStringList("serialization.allowed-classes"))),
                ConfigReads.read("rayo.serialization.trust-class-folders", () -> c.getBoolean("serialization.trust-class-folders")),
                ConfigReads.read("rayo.code-path", () -> c.getStringList("code-path")).stream().map(Path::of).toList(),
                (int) positive("rayo.events.capacity", ConfigReads.read("rayo.events.capacity", () -> c.getInt("events.capacity"))),
                ConfigReads.read("rayo.startup-timeout", () -> c.getDuration("startup-timeout")),
                (int) positive("rayo.lineage.max-entries", ConfigReads.read("rayo.lineage.max-entries", () -> c.getInt("lineage.max-entries"))),
                journalKind(ConfigReads.read("rayo.persistence.journal", () -> c.getString("persistence.journal"))),
                autoPath(c, "persistence.h2-file"),
                (int) positive("rayo.persistence.checkpoint-every", ConfigReads.read("rayo.persistence.checkpoint-every", () -> c.getInt("persistence.checkpoint-every"))),
                ConfigReads.read("rayo.persistence.create-schema", () -> c.getBoolean("persistence.create-schema")),
                chunkBytes(ConfigReads.read("rayo.transfer.chunk-bytes", () -> c.getBytes("transfer.chunk-bytes"))),
                (int) positive("rayo.transfer.window", ConfigReads.read("rayo.transfer.window", () -> c.getInt("transfer.window"))),
                ConfigReads.positive("rayo.actor.call-resend-after", ConfigReads.read("rayo.actor.call-resend-after", () -> c.getDuration("actor.call-resend-after"))),
                RuntimeTuning.from(config),
                namespace(ConfigReads.read("rayo.namespace", () -> c.getString("namespace"))),
                transferMode(ConfigReads.read("rayo.transfer.mode", () -> c.getString("transfer.mode"))),
                transferPort(ConfigReads.read("rayo.transfer.port", () -> c.getInt("transfer.port"))),
                nonNegative("rayo.object-store.warm-spare-min-bytes", ConfigReads.read("rayo.object-store.warm-spare-min-bytes",
                        () -> c.getBytes("object-store.warm-spare-min-bytes"))),
                (int) positive("rayo.state.max-objects-per-node", ConfigReads.read("rayo.state.max-objects-per-node",
                        () -> c.getInt("state.max-objects-per-node"))),
                eventsExport(ConfigReads.read("rayo.events.export", () -> c.getString("events.export"))));
    }

    /** {@code rayo.events.export}: task events stay in memory only. */
    public static final String EXPORT_NONE = "none";
    /** {@code rayo.events.export}: task events also go to the journal database. */
    public static final String EXPORT_JDBC = "jdbc";

    private static String eventsExport(String export) {
        if (!export.equals(EXPORT_NONE) && !export.equals(EXPORT_JDBC)) {
            throw new RayoConfigException("rayo.events.export must be \"none\" or \"jdbc\", was \"" + export + "\"");
        }
        return export;
    }

    /** True when objects from other hosts stream over the transfer servers. */
    public boolean transferStreams() {
        return TRANSFER_STREAM.equals(transferMode);
    }

    private static String transferMode(String mode) {
        if (!mode.equals(TRANSFER_STREAM) && !mode.equals(TRANSFER_AKKA)) {
            throw new RayoConfigException("rayo.transfer.mode must be \"stream\" or \"akka\", was \"" + mode + "\"");
        }
        return mode;
    }

    private static int transferPort(int port) {
        if (port < 0 || port > 65535) {
            throw new RayoConfigException("rayo.transfer.port must be 0..65535, was " + port);
        }
        return port;
    }

    private static String namespace(String namespace) {
        if (namespace.isBlank()) {
            throw new RayoConfigException("rayo.namespace must not be blank");
        }
        return namespace;
    }

    /** A chunk travels in one Artery frame ({@code akka.remote.artery.advanced.maximum-frame-size}, 256 KiB). */
    private static int chunkBytes(long bytes) {
        if (bytes < 4 << 10 || bytes > 240 << 10) {
            throw new RayoConfigException("rayo.transfer.chunk-bytes must be 4 KiB..240 KiB (a chunk travels in one"
                    + " Artery frame of 256 KiB), was " + bytes);
        }
        return (int) bytes;
    }

    private static String journalKind(String kind) {
        if (!kind.equals("h2") && !kind.equals("jdbc")) {
            throw new RayoConfigException("rayo.persistence.journal must be \"h2\" or \"jdbc\", was \"" + kind + "\"");
        }
        return kind;
    }

    /** The H2 journal file to use: configured, or {@code <tmp>/rayo-journal-<cluster>/journal}. */
    public Path effectiveH2File() {
        return h2File != null ? h2File
                : Path.of(System.getProperty("java.io.tmpdir"), "rayo-journal-" + clusterName, "journal");
    }

    /**
     * Splits {@code host:port}.
     *
     * @throws RayoConfigException when it is not of that form
     */
    public static Map.Entry<String, Integer> parseAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new RayoConfigException("rayo.address must be host:port, was '" + address + "'");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return Map.entry(address.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new RayoConfigException("rayo.address must be host:port with a port 1..65535, was '" + address + "'");
        }
    }

    private static boolean isAuto(Config c, String key) {
        return c.getValue(key).valueType() == ConfigValueType.STRING && "auto".equals(c.getString(key));
    }

    private static int autoInt(Config c, String key, Supplier<Integer> auto) {
        if (isAuto(c, key)) {
            return auto.get();
        }
        return (int) nonNegative("rayo." + key, ConfigReads.read("rayo." + key, () -> c.getInt(key)));
    }

    private static Path autoPath(Config c, String key) {
        String v = ConfigReads.read("rayo." + key, () -> c.getString(key));
        return "auto".equals(v) ? null : Path.of(v);
    }

    private static long nonNegative(String key, long v) {
        if (v < 0) {
            throw new RayoConfigException(key + " must be >= 0, was " + v);
        }
        return v;
    }

    private static long positive(String key, long v) {
        if (v <= 0) {
            throw new RayoConfigException(key + " must be > 0, was " + v);
        }
        return v;
    }

    private static int detectGpus() {
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        if (visible != null) {
            return visible.isBlank() ? 0 : visible.split(",").length;
        }
        File[] devices = new File("/dev").listFiles((dir, name) -> name.matches("nvidia\\d+"));
        return devices == null ? 0 : devices.length;
    }

    /** The store directory to use: configured, or {@code /dev/shm/rayo-<cluster>} (temp dir without /dev/shm). */
    public Path effectiveStoreDirectory() {
        if (storeDirectory != null) {
            return storeDirectory;
        }
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("rayo-" + clusterName);
    }

    /** The spill directory to use. */
    public Path effectiveSpillDirectory() {
        return spillDirectory != null ? spillDirectory
                : Path.of(System.getProperty("java.io.tmpdir")).resolve("rayo-spill-" + clusterName);
    }
}
