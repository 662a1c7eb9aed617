package dev.rayo.bench;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;

import java.nio.file.Path;

/**
 * {@code Rayo.init} with N CPUs in the bench JVM: the embedded one-node cluster users start with, on a
 * store directory of its own, large enough for the 1 GiB object of the zero-copy metric.
 */
final class SingleNodeEnvironment implements Environment {
    /** Room for the 1 GiB variant plus 100 MB objects not yet freed by the collector. */
    static final long STORE_BYTES = 6L << 30;

    private final BenchContext context;
    private final Path storeDir;

    private SingleNodeEnvironment(BenchContext context, Path storeDir) {
        this.context = context;
        this.storeDir = storeDir;
    }

    static SingleNodeEnvironment start(RunSettings settings) {
        Path store = StoreDirs.fresh("local");
        Rayo.init(RayoConfig.builder()
                .numCpus(settings.numCpus())
                .objectStoreDirectory(store.toString())
                .objectStoreBytes(STORE_BYTES)
                .set("rayo.cluster-name", "rayo-bench")
                .build());
        return new SingleNodeEnvironment(new BenchContext(settings.numCpus(), settings.numCpus(), null), store);
    }

    @Override
    public BenchContext context() {
        return context;
    }

    @Override
    public void close() {
        Environment.shutdownRayo();
        StoreDirs.delete(storeDir);
    }
}
