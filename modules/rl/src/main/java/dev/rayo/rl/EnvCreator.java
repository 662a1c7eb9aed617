package dev.rayo.rl;

/** Makes an {@link Env}; serializable, because every env runner, anywhere in the cluster, makes its own. */
@FunctionalInterface
public interface EnvCreator extends java.io.Serializable {
    /** A new environment. */
    Env create();
}
