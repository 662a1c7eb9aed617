package dev.rayo.bench;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two Rayo nodes in two JVMs on loopback: the bench JVM is the head with no CPUs, so every task runs on
 * the second node (a real {@code rayo start --block} process with the CPUs and a custom resource only it
 * has); each node has its own store directory, so objects cross between them as between hosts.
 */
final class TwoNodeEnvironment implements Environment {
    /** The custom resource only the worker node offers: pins tasks there. */
    static final String WORKER_RESOURCE = "BenchWorker";
    private static final long STORE_BYTES = 2L << 30;
    private static final long JOIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final BenchContext context;
    private final NodeProcess worker;
    private final Path headStore;
    private final Path workerStore;

    private TwoNodeEnvironment(BenchContext context, NodeProcess worker, Path headStore, Path workerStore) {
        this.context = context;
        this.worker = worker;
        this.headStore = headStore;
        this.workerStore = workerStore;
    }

    static TwoNodeEnvironment start(RunSettings settings) throws Exception {
        int port = NodeProcess.freePort();
        String clusterName = "rayo-bench-" + ProcessHandle.current().pid();
        Path headStore = StoreDirs.fresh("head");
        Path workerStore = StoreDirs.fresh("worker");
        NodeProcess worker = null;
        try {
            Rayo.init(RayoConfig.builder()
                    .numCpus(0)
                    .objectStoreDirectory(headStore.toString())
                    .objectStoreBytes(STORE_BYTES)
                    .set("rayo.cluster-name", clusterName)
                    .set("rayo.node.port", port)
                    .build());
            List<String> flags = new java.util.ArrayList<>(NodeProcess.encapsulationFlags());
            flags.add("-Dlogback.configurationFile=" + Bench.LOGBACK_CONFIG);
            List<String> args = new java.util.ArrayList<>(List.of(
                    "--address", "127.0.0.1:" + port,
                    "--cluster-name", clusterName,
                    "--num-cpus", Integer.toString(settings.numCpus()),
                    "--resources", "{\"" + WORKER_RESOURCE + "\": " + settings.numCpus() + "}",
                    "--object-store-dir", workerStore.toString(),
                    "--object-store-bytes", Long.toString(STORE_BYTES)));
            // JAVA_OPTS=-Drayo.tls.dir=DIR (with RAYO_TLS_PASSWORD) measures a TLS cluster: the head reads the
            // system property, the worker is told.
            String tls = System.getProperty("rayo.tls.dir");
            if (tls != null && !tls.isBlank()) {
                args.addAll(List.of("--tls", tls));
            }
            worker = NodeProcess.start("worker", flags, System.getProperty("java.class.path"),
                    Files.createTempFile("rayo-bench-worker-", ".log"), args);
            awaitCpus(settings.numCpus(), worker);
            return new TwoNodeEnvironment(new BenchContext(settings.numCpus(), settings.numCpus(), WORKER_RESOURCE),
                    worker, headStore, workerStore);
        } catch (Exception | Error e) {
            Rayo.shutdown();
            if (worker != null) {
                worker.close();
            }
            StoreDirs.delete(headStore);
            StoreDirs.delete(workerStore);
            throw e;
        }
    }

    /** Waits until the head's view of the cluster includes the worker's CPUs. */
    private static void awaitCpus(int cpus, NodeProcess worker) throws InterruptedException {
        long deadline = System.nanoTime() + JOIN_TIMEOUT_NANOS;
        while (Rayo.getRuntimeContext().clusterResources().getOrDefault("CPU", 0.0) < cpus) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker node joined but its " + cpus
                        + " CPUs never reached the head's view; worker log:\n" + worker.tailOfLog());
            }
            Thread.sleep(20);
        }
    }

    private static void deleteLog(NodeProcess node) {
        try {
            Files.deleteIfExists(node.log());
        } catch (java.io.IOException e) {
            // Best effort: a temp file.
        }
    }

    @Override
    public BenchContext context() {
        return context;
    }

    @Override
    public void close() {
        Environment.shutdownRayo();
        worker.close();
        deleteLog(worker);
        StoreDirs.delete(headStore);
        StoreDirs.delete(workerStore);
    }
}
