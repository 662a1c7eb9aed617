package dev.rayo.runtime.serialization;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of user code on a node: the application's classes first, then the jars and folders of
 * {@code rayo.code-path} and those shipped by drivers while the node runs, so a node started before a job
 * runs that job's tasks without a restart.
 */
public final class CodePathClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    /** A loader over {@code parent} with no extra code yet. */
    public CodePathClassLoader(ClassLoader parent) {
        super("rayo-code-path", new URL[0], parent);
    }

    /** Adds a jar or class folder. */
    public void add(Path jarOrFolder) {
        try {
            addURL(jarOrFolder.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable code path entry: " + jarOrFolder, e);
        }
    }
}
