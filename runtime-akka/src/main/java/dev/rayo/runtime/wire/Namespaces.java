package dev.rayo.runtime.wire;

/**
 * Actor namespaces (Ray's): an actor's name is unique within its creator's namespace, and
 * {@code getActor(name)} looks in the caller's. Every driver is in {@code rayo.namespace}
 * ({@value #DEFAULT} unless set), and the tasks and actors it starts run in it wherever they run.
 */
public final class Namespaces {
    /** The namespace of every driver that sets none (Ray gives each such driver an anonymous one of its own). */
    public static final String DEFAULT = "default";

    private Namespaces() {
    }

    /**
     * {@code namespace}, checked: not null, not blank.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checked(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("an actor namespace must be a non-blank string, was "
                    + (namespace == null ? "null" : "'" + namespace + "'"));
        }
        return namespace;
    }

    /**
     * The key of {@code name} in {@code namespace}, distinct for every pair (the namespace's length comes
     * first, so no namespace and name can be mistaken for another pair).
     */
    public static String key(String namespace, String name) {
        return namespace.length() + ":" + namespace + "/" + name;
    }
}
