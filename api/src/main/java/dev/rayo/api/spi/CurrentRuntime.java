package dev.rayo.api.spi;

import dev.rayo.api.RayoRuntime;
import dev.rayo.api.exception.RayoException;

/** The runtime behind the static facade {@code Rayo}, and behind refs and handles that arrive in this JVM. */
public final class CurrentRuntime {
    private static volatile RayoRuntime current;

    private CurrentRuntime() {
    }

    /** Makes {@code runtime} the facade's runtime; fails when another one is installed. */
    public static synchronized void install(RayoRuntime runtime) {
        if (current != null && current != runtime) {
            throw new RayoException("Rayo is already initialized in this JVM; call Rayo.shutdown() first");
        }
        current = runtime;
    }

    /**
     * Makes {@code runtime} the facade's runtime unless one is installed already: a node installs itself before
     * it can run work, so a task or actor placed on it the moment it joins finds {@code Rayo.*} ready.
     *
     * @return whether {@code runtime} is now the installed one
     */
    public static synchronized boolean installIfNone(RayoRuntime runtime) {
        if (current == null) {
            current = runtime;
        }
        return current == runtime;
    }

    /** Removes {@code runtime} if it is the installed one. */
    public static synchronized void uninstall(RayoRuntime runtime) {
        if (current == runtime) {
            current = null;
        }
    }

    /** The installed runtime, or null. */
    public static RayoRuntime orNull() {
        return current;
    }

    /** The installed runtime; a clear error when there is none. */
    public static RayoRuntime get() {
        RayoRuntime rt = current;
        if (rt == null) {
            throw new RayoException("Rayo is not initialized in this JVM: call Rayo.init() first");
        }
        return rt;
    }
}
