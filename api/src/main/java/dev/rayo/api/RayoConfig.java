package dev.rayo.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings for {@code Rayo.init}. Every setting also has a HOCON key under {@code rayo { ... }}
 * (the runtime's {@code reference.conf} documents each); a value set here overrides the file.
 */
public final class RayoConfig {
    private final Map<String, Object> overrides;

    private RayoConfig(Map<String, Object> overrides) {
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** A new builder with nothing set: everything comes from the HOCON files. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration with nothing overridden. */
    public static RayoConfig defaults() {
        return new Builder().build();
    }

    /** The overridden settings, as full HOCON paths ({@code rayo.num-cpus}) to values. */
    public Map<String, Object> overrides() {
        return overrides;
    }

    @Override
    public String toString() {
        return "RayoConfig" + overrides;
    }

    /** Builds a {@link RayoConfig}; each method sets one HOCON key. */
    public static final class Builder {
        private final Map<String, Object> overrides = new LinkedHashMap<>();
        private final Map<String, Object> resources = new LinkedHashMap<>();

        private Builder() {
        }

        /** CPUs this node offers to tasks ({@code rayo.num-cpus}); default: all cores. */
        public Builder numCpus(int cpus) {
            return set("rayo.num-cpus", cpus);
        }

        /** GPUs this node offers ({@code rayo.num-gpus}); default: detected GPUs. */
        public Builder numGpus(int gpus) {
            return set("rayo.num-gpus", gpus);
        }

        /** A custom resource this node offers ({@code rayo.resources.NAME}). */
        public Builder resource(String name, double amount) {
            ResourceAmounts.checkName(name);
            resources.put(name, amount);
            return this;
        }

        /**
         * {@link #resource(String, double)} for a boxed amount.
         *
         * @throws IllegalArgumentException naming the resource when {@code amount} is null
         */
        public Builder resource(String name, Double amount) {
            return resource(name, ResourceAmounts.checked(name, amount));
        }

        /** Object store capacity on this host in bytes ({@code rayo.object-store.capacity-bytes}). */
        public Builder objectStoreBytes(long bytes) {
            return set("rayo.object-store.capacity-bytes", bytes);
        }

        /** Directory of the shared object store ({@code rayo.object-store.directory}). */
        public Builder objectStoreDirectory(String directory) {
            return set("rayo.object-store.directory", directory);
        }

        /** Join the running cluster whose node listens at {@code host:port} ({@code rayo.address}). */
        public Builder address(String hostPort) {
            return set("rayo.address", hostPort);
        }

        /**
         * TLS between nodes ({@code rayo.tls.dir}): this node and the nodes it talks to authenticate each other
         * with the stores in {@code dir} ({@code node.p12}, {@code trust.p12}, as {@code rayo tls init DIR}
         * writes them), so that only holders of a certificate from the cluster's CA can join or send a message.
         * The stores' password comes from the environment variable {@code RAYO_TLS_PASSWORD} or the key
         * {@code rayo.tls.password}; a driver joining a TLS cluster needs this too.
         *
         * @throws IllegalArgumentException when {@code dir} is null
         */
        public Builder tls(Path dir) {
            if (dir == null) {
                throw new IllegalArgumentException("tls: the directory of the stores must not be null");
            }
            return set("rayo.tls.dir", dir.toAbsolutePath().toString());
        }

        /** Values smaller than this travel inline in messages ({@code rayo.inline-threshold-bytes}). */
        public Builder inlineThresholdBytes(long bytes) {
            return set("rayo.inline-threshold-bytes", bytes);
        }

        /**
         * The actor namespace of this program ({@code rayo.namespace}, default {@code "default"}, shared by every
         * driver that sets none): {@code setName} and {@code getActor(name)} of the program and of the tasks
         * and actors it starts use it; names are unique within a namespace.
         */
        public Builder namespace(String namespace) {
            if (namespace == null || namespace.isBlank()) {
                throw new IllegalArgumentException("namespace must be a non-blank string, was "
                        + (namespace == null ? "null" : "'" + namespace + "'"));
            }
            return set("rayo.namespace", namespace);
        }

        /** Sets any configuration key (a full HOCON path, usually under {@code rayo.} or {@code akka.}). */
        public Builder set(String path, Object value) {
            overrides.put(path, value);
            return this;
        }

        /** The immutable configuration. */
        public RayoConfig build() {
            Map<String, Object> all = new LinkedHashMap<>(overrides);
            resources.forEach((name, amount) -> all.put("rayo.resources.\"" + name + "\"", amount));
            return new RayoConfig(all);
        }
    }
}
