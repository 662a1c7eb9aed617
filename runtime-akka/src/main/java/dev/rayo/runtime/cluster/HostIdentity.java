package dev.rayo.runtime.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names this machine, so nodes can tell whether they share a host (and so, maybe, an object store). */
public final class HostIdentity {
    private static final String KEY = compute();

    private HostIdentity() {
    }

    /** Hostname plus the kernel's boot id: equal only for JVMs on the same running machine. */
    public static String hostKey() {
        return KEY;
    }

    private static String compute() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        try {
            return host + "/" + Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException | RuntimeException e) {
            return host;
        }
    }
}
