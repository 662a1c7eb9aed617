package dev.rayo.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The peers {@code rayo bench --peer NAME} can measure beside Rayo: the tool a JVM team would use instead
 * for the same work, run in the same JVMs and the same run, so that "Rayo/peer" compares like with like.
 */
public enum PeerKind {
    /** Hazelcast's {@code IExecutorService}: one embedded member, or a member submitting to another JVM. */
    HAZELCAST("hazelcast") {
        @Override
        PeerCluster start(EnvironmentKind kind, RunSettings settings) throws Exception {
            return HazelcastPeer.start(kind, settings);
        }

        @Override
        public String title() {
            return "Hazelcast " + HazelcastPeer.version();
        }
    };

    private final String cliName;

    PeerKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name {@code --peer} takes. */
    public String cliName() {
        return cliName;
    }

    /** The peer and its version, as the report names it. */
    public abstract String title();

    /** Starts this peer's cluster shaped like the Rayo environment of {@code kind}. */
    abstract PeerCluster start(EnvironmentKind kind, RunSettings settings) throws Exception;

    /** The peer called {@code name} on the command line (case-insensitive), if there is one. */
    public static Optional<PeerKind> named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.cliName.equals(wanted)).findFirst();
    }

    /** The known names, comma-separated, for usage errors. */
    public static String knownNames() {
        return Arrays.stream(values()).map(PeerKind::cliName).collect(Collectors.joining(", "));
    }
}
