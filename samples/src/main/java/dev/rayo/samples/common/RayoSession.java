package dev.rayo.samples.common;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded Rayo runtime for a sample and stops it afterwards, unless a runtime was
 * already running (a test class, or a program embedding the sample): Rayo is one per JVM,
 * so whoever started it is the one who shuts it down.
 */
public final class RayoSession implements AutoCloseable {
    private final boolean owner;

    private RayoSession(boolean owner) {
        this.owner = owner;
    }

    /**
     * Joins the running runtime, or starts the embedded default one.
     *
     * @param cpus CPUs to give the one-node cluster, or {@code null} for Rayo's default (all cores)
     */
    public static synchronized RayoSession open(Integer cpus) {
        if (Rayo.isInitialized()) {
            return new RayoSession(false);
        }
        // Bind logging before the runtime's threads race to do it; slf4j 1.7 otherwise
        // prints a "calls intercepted and replayed" notice on every start.
        LoggerFactory.getILoggerFactory();
        if (cpus == null) {
            Rayo.init();
        } else {
            Rayo.init(RayoConfig.builder().numCpus(cpus).build());
        }
        return new RayoSession(true);
    }

    /**
     * Joins the cluster at {@code address} (left again on close) when one is given and no runtime runs yet; else
     * {@link #open(Integer)}. For samples with an {@code --address} option.
     *
     * @param address a member's {@code HOST:PORT}, or {@code null}
     * @param cpus    CPUs for the embedded one-node cluster when there is no address, or {@code null}
     */
    public static synchronized RayoSession open(String address, Integer cpus) {
        if (address != null && !Rayo.isInitialized()) {
            LoggerFactory.getILoggerFactory();
            Rayo.init(RayoConfig.builder().address(address).build());
            return new RayoSession(true);
        }
        return open(cpus);
    }

    /** Whether this session started the runtime (and so will shut it down). */
    public boolean startedRuntime() {
        return owner;
    }

    /** The CPUs the runtime offers to tasks, for reports; NaN if the runtime does not say. */
    public double clusterCpus() {
        Double cpus = Rayo.getRuntimeContext().clusterResources().get("CPU");
        return cpus == null ? Double.NaN : cpus;
    }

    /** {@link #clusterCpus()} as reports print it: a whole number, or "?". */
    public String clusterCpusText() {
        double cpus = clusterCpus();
        return Double.isNaN(cpus) ? "?" : String.format("%.0f", cpus);
    }

    /** Shuts the runtime down if this session started it. */
    @Override
    public void close() {
        if (owner) {
            Rayo.shutdown();
        }
    }
}
