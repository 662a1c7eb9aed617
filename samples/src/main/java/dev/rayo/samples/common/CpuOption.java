package dev.rayo.samples.common;

import picocli.CommandLine.Option;

/**
 * The {@code --cpus} flag every sample shares (a picocli mixin), so each sample starts the
 * embedded runtime the same way.
 */
public final class CpuOption {

    @Option(names = "--cpus", paramLabel = "N",
            description = "CPUs for the embedded one-node cluster (default: see the sample's description).")
    Integer cpus;

    /** The CPUs asked for on the command line, else {@code fallback} ({@code null}: all cores). */
    public Integer cpusOr(Integer fallback) {
        if (cpus != null && cpus < 1) {
            throw new IllegalArgumentException("--cpus must be at least 1, got " + cpus);
        }
        return cpus != null ? cpus : fallback;
    }
}
