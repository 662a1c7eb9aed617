package dev.rayo.cli;

import akka.actor.CoordinatedShutdown;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoConfigException;
import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.config.ConfigLoader;
import dev.rayo.runtime.config.RayoSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code rayo start}: starts a node of a Rayo cluster on this machine. Without {@code --block} it launches
 * the node as a background JVM, waits until it is a cluster member, prints its pid and returns.
 *
 * <p>Bad input is one line on stderr, never a stack trace: options or a {@code --config} file the node would
 * refuse exit with 2 before any JVM is launched; a node that can't start (port in use, no cluster at
 * {@code --address}, an unusable store directory) prints its reason as one line in its log and exits with 1,
 * and the launcher repeats that line.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a Rayo node: the head of a new cluster (--head) or a worker joining one (--address).")
final class StartCommand implements Callable<Integer> {
    /** The line a node prints once it is a cluster member; the launcher waits for it. */
    static final String READY = "RAYO_NODE_READY ";
    /**
     * How the one-line error of a node that could not start begins; the node prints it on stderr (its log)
     * and the launcher repeats it.
     */
    static final String FAILED = "rayo start: ";
    private static final int DEFAULT_HEAD_PORT = 25520;
    private static final long READY_TIMEOUT_MILLIS = 120_000;

    @Option(names = "--head", description = "Start the first node of a new cluster.")
    boolean head;

    @Option(names = "--address", paramLabel = "HOST:PORT", description = "Join the cluster of the node at HOST:PORT.")
    String address;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "P", description = "Port of this node (default: 25520 for --head, any free port otherwise).")
    Integer port;

    @Option(names = "--num-cpus", paramLabel = "N", description = "CPUs offered to tasks (default: all cores).")
    Integer numCpus;

    @Option(names = "--num-gpus", paramLabel = "N", description = "GPUs offered (default: detected).")
    Integer numGpus;

    @Option(names = "--resources", paramLabel = "JSON", description = "Custom resources, e.g. '{\"Custom\": 2}'.")
    String resources;

    @Option(names = "--object-store-bytes", paramLabel = "B", description = "Object store capacity of this host in bytes.")
    Long objectStoreBytes;

    @Option(names = "--object-store-dir", paramLabel = "DIR", description = "Object store directory (nodes with different directories behave like different hosts).")
    String objectStoreDir;

    @Option(names = "--code-path", paramLabel = "JARS_OR_DIRS", split = ",",
            description = "Jars or class folders with the user's task and actor classes (comma-separated).")
    List<String> codePath = new ArrayList<>();

    @Option(names = "--cluster-name", defaultValue = "rayo", description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--config", paramLabel = "FILE", description = "A HOCON file of rayo.* / akka.* settings (see config/).")
    Path configFile;

    @Option(names = "--tls", paramLabel = "DIR", description = "TLS between nodes with the stores of `rayo tls init DIR` "
            + "(password from RAYO_TLS_PASSWORD or rayo.tls.password).")
    Path tlsDir;

    @Option(names = "--block", description = "Run the node in the foreground until SIGTERM.")
    boolean block;

    @Override
    public Integer call() throws Exception {
        if (!head && address == null && configFile == null) {
            System.err.println("rayo start: give --head, --address HOST:PORT, or --config FILE with seed nodes");
            return 2;
        }
        if (head && address != null) {
            System.err.println("rayo start: --head and --address exclude each other");
            return 2;
        }
        RayoConfig config;
        try {
            // Everything the node would read, checked here: a typo fails in the shell, before a JVM is launched.
            config = config();
            RayoSettings.from(ConfigLoader.load(config));
        } catch (RayoConfigException | IllegalArgumentException e) {
            System.err.println(FAILED + oneLine(e.getMessage()));
            return 2;
        }
        return block ? runInForeground(config) : launchInBackground();
    }

    /** {@code message} on one line: the CLI's errors are one line each. */
    static String oneLine(String message) {
        return message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    RayoConfig config() {
        RayoConfig.Builder b = fileSettings(configFile);
        b.set("rayo.cluster-name", clusterName).set("rayo.node.hostname", host);
        if (port != null) {
            b.set("rayo.node.port", port);
        } else if (head) {
            b.set("rayo.node.port", DEFAULT_HEAD_PORT);
        }
        if (address != null) {
            try {
                RayoSettings.parseAddress(address);
            } catch (RayoConfigException e) {
                throw new RayoConfigException("--address must be HOST:PORT with a port 1..65535, was '" + address + "'");
            }
            b.address(address);
        }
        if (numCpus != null) {
            b.numCpus(numCpus);
        }
        if (numGpus != null) {
            b.numGpus(numGpus);
        }
        if (resources != null) {
            for (Map.Entry<String, ConfigValue> e : parseResources(resources).root().entrySet()) {
                if (!(e.getValue().unwrapped() instanceof Number n)) {
                    throw new RayoConfigException("--resources: " + e.getKey() + " must be a number");
                }
                b.resource(e.getKey(), n.doubleValue());
            }
        }
        if (objectStoreBytes != null) {
            b.objectStoreBytes(objectStoreBytes);
        }
        if (objectStoreDir != null) {
            b.objectStoreDirectory(objectStoreDir);
        }
        if (!codePath.isEmpty()) {
            b.set("rayo.code-path", codePath);
        }
        if (tlsDir != null) {
            b.tls(tlsDir);
        }
        b.set("rayo.node.roles", List.of(head ? "head" : "worker"));
        return b.build();
    }

    /** The {@code --resources} JSON, parsed as a HOCON object (of which JSON is a part). */
    private static Config parseResources(String json) {
        try {
            return ConfigFactory.parseString(json, com.typesafe.config.ConfigParseOptions.defaults()
                    .setOriginDescription("--resources"));
        } catch (com.typesafe.config.ConfigException e) {
            throw new RayoConfigException("--resources must be a JSON object of numbers such as '{\"Custom\": 2}', was '"
                    + json + "': " + e.getMessage(), e);
        }
    }

    /**
     * A builder holding every setting of the HOCON file {@code configFile} (none when null), as a node started
     * with {@code --config FILE} reads it; the state commands' {@code --journal} reads it the same way.
     */
    static RayoConfig.Builder fileSettings(Path configFile) {
        RayoConfig.Builder b = RayoConfig.builder();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new RayoConfigException("--config " + configFile + ": no such file");
            }
            Config file;
            try {
                file = ConfigFactory.parseFile(configFile.toFile()).resolve();
            } catch (com.typesafe.config.ConfigException e) {
                throw new RayoConfigException("--config " + configFile + " can't be read: " + e.getMessage(), e);
            }
            for (Map.Entry<String, ConfigValue> e : file.entrySet()) {
                b.set(e.getKey(), e.getValue().unwrapped());
            }
        }
        return b;
    }

    private int runInForeground(RayoConfig config) throws InterruptedException {
        AkkaRayoRuntime runtime;
        try {
            runtime = AkkaRayoRuntime.start(config, AkkaRayoRuntime.Role.NODE);
        } catch (RuntimeException e) {
            if (!(e instanceof RayoException)) {
                e.printStackTrace(); // Not one of Rayo's own errors: the log keeps how it came about.
            }
            // One line the launcher (or the shell) shows as it is; the log above it has the details.
            System.err.println(FAILED + oneLine(e.getMessage()));
            System.err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.shutdown();
            stopped.countDown();
        }, "rayo-node-shutdown"));
        String nodeAddress = runtime.system().address().toString();
        System.out.println(READY + nodeAddress + " node " + runtime.nodeId() + " resources "
                + runtime.getRuntimeContext().clusterResources());
        System.out.flush();
        // The actor system also ends without SIGTERM: when the cluster downs this node (it hung, say under
        // kill -STOP, past the failure detector's patience). Its process then has nothing left to serve.
        runtime.system().getWhenTerminated().whenComplete((done, error) -> stopped.countDown());
        stopped.await();
        if (CoordinatedShutdown.get(runtime.system()).getShutdownReason()
                .filter(CoordinatedShutdown.clusterDowningReason()::equals).isPresent()) {
            System.err.println(FAILED + "this node was downed and removed from the cluster (it did not answer in time,"
                    + " or an operator downed it); start it again to rejoin");
            System.err.flush();
            return 1; // System.exit runs the shutdown hook, which closes the rest of the node.
        }
        return 0;
    }

    private int launchInBackground() throws IOException, InterruptedException {
        NodeRegistry registry = NodeRegistry.standard();
        Files.createDirectories(registry.dir());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RayoCli.class.getName());
        command.add("start");
        command.add("--block");
        command.addAll(forwardedArguments());
        Path log = Files.createTempFile(registry.dir(), "node-starting-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Path finalLog = registry.logFile(process.pid());
        Files.move(log, finalLog);
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                String failure = failureLine(finalLog);
                if (failure != null) {
                    System.err.println(failure + " (log: " + finalLog + ")");
                } else {
                    System.err.println("rayo start: the node exited with status " + process.exitValue() + "; its log ("
                            + finalLog + ") ends with:\n" + tail(finalLog));
                }
                return 1;
            }
            for (String line : Files.readAllLines(finalLog, StandardCharsets.UTF_8)) {
                if (line.startsWith(READY)) {
                    String nodeAddress = line.substring(READY.length()).split(" ")[0];
                    registry.record(process.pid(), nodeAddress);
                    System.out.println("Started Rayo node " + nodeAddress + " (pid " + process.pid() + ", log " + finalLog + ")");
                    return 0;
                }
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        System.err.println("rayo start: the node did not become ready within " + READY_TIMEOUT_MILLIS / 1000 + " s; log: " + finalLog);
        return 1;
    }

    private List<String> forwardedArguments() {
        List<String> args = new ArrayList<>();
        if (head) {
            args.add("--head");
        }
        addOption(args, "--address", address);
        addOption(args, "--host", host);
        addOption(args, "--port", port);
        addOption(args, "--num-cpus", numCpus);
        addOption(args, "--num-gpus", numGpus);
        addOption(args, "--resources", resources);
        addOption(args, "--object-store-bytes", objectStoreBytes);
        addOption(args, "--object-store-dir", objectStoreDir);
        addOption(args, "--cluster-name", clusterName);
        addOption(args, "--config", configFile == null ? null : configFile.toAbsolutePath());
        addOption(args, "--tls", tlsDir == null ? null : tlsDir.toAbsolutePath());
        if (!codePath.isEmpty()) {
            args.add("--code-path");
            args.add(String.join(",", codePath.stream().map(p -> new File(p).getAbsolutePath()).toList()));
        }
        return args;
    }

    private static void addOption(List<String> args, String name, Object value) {
        if (value != null) {
            args.add(name);
            args.add(value.toString());
        }
    }

    /** The last one-line error the node printed in {@code log}, or null when it printed none. */
    static String failureLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(FAILED)) {
                return lines.get(i);
            }
        }
        return null;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
