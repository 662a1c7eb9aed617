package dev.rayo.testing;

import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.RayoRuntime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Starts a Rayo runtime for a test class or for each test, and always stops it, so tests neither leak a
 * running node into the next class nor repeat the {@code Rayo.init}/{@code Rayo.shutdown} pair by hand.
 *
 * <pre>{@code
 * // static: one runtime for all tests of the class
 * @RegisterExtension
 * static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(4).build());
 *
 * // instance: a fresh runtime for every test
 * @RegisterExtension
 * final RayoRuntimeExtension rayo = RayoRuntimeExtension.withDefaults();
 * }</pre>
 *
 * <p>Which of the two it is follows from how JUnit registers the field: for a {@code static} field JUnit
 * calls {@link #beforeAll} and {@link #afterAll}, and the runtime lives for the class (and its {@code @Nested}
 * classes); for an instance field only {@link #beforeEach} and {@link #afterEach} are called, and each test
 * gets its own runtime. The runtime is found like {@link Rayo#init(RayoConfig)} finds it (a
 * {@code RayoRuntimeProvider} on the test classpath, normally {@code rayo-runtime-akka}), and installed as
 * {@code Rayo}'s, so the static facade works in the tests too. Since that facade allows one runtime per JVM,
 * test classes using this extension must not run in parallel with each other.
 *
 * <p>The runtime is stopped after the class or test whether it passed or failed. When starting failed, the
 * test fails with that error and nothing is stopped: no second error hides the first.
 */
public final class RayoRuntimeExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final Supplier<RayoConfig> config;
    /** How many {@code beforeAll} calls are open: the class and any of its {@code @Nested} classes. */
    private int classDepth;
    /** The runtime this extension started and has not stopped yet; null when none. */
    private RayoRuntime runtime;
    /** Why the last start failed, reported by {@link #runtime()}; null when it did not. */
    private RuntimeException startFailure;

    private RayoRuntimeExtension(Supplier<RayoConfig> config) {
        this.config = config;
    }

    /** An extension that starts runtimes with {@code config}; the usual way to pick CPUs, resources or HOCON keys. */
    public static RayoRuntimeExtension withConfig(RayoConfig config) {
        Objects.requireNonNull(config, "config");
        return new RayoRuntimeExtension(() -> config);
    }

    /**
     * An extension that asks {@code config} for the configuration at every start, for settings known only
     * when the test runs (a free port, a temporary directory created by another extension).
     */
    public static RayoRuntimeExtension withConfig(Supplier<RayoConfig> config) {
        return new RayoRuntimeExtension(Objects.requireNonNull(config, "config"));
    }

    /** An extension that starts runtimes configured by the HOCON files alone, like {@link Rayo#init()}. */
    public static RayoRuntimeExtension withDefaults() {
        return new RayoRuntimeExtension(RayoConfig::defaults);
    }

    /** Starts the class's runtime (static field only); {@code @Nested} classes share the outer class's one. */
    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        classDepth++;
        if (classDepth == 1) {
            start();
        }
    }

    /** Stops the class's runtime once the outermost class is done (static field only). */
    @Override
    public synchronized void afterAll(ExtensionContext context) {
        classDepth--;
        if (classDepth == 0) {
            stop();
        }
    }

    /** Starts the test's runtime, unless a static field already started one for the class. */
    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (!perClass()) {
            start();
        }
    }

    /** Stops the test's runtime, unless it belongs to the class. */
    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (!perClass()) {
            stop();
        }
    }

    /**
     * The running runtime this extension started: what {@code Rayo.runtime()} returns during the test, without
     * the test having to know whether it is per class or per test.
     *
     * @throws IllegalStateException outside the extension's lifecycle, or when starting it failed (the cause)
     */
    public synchronized RayoRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("no Rayo runtime: RayoRuntimeExtension starts one before each test "
                    + "(instance field) or before the class (static field)"
                    + (startFailure == null ? "" : ", and starting it failed"), startFailure);
        }
        return runtime;
    }

    /**
     * The runtime as its implementation class, for tests of runtime internals, so they need no unchecked cast
     * of {@code Rayo.runtime()}.
     *
     * @throws ClassCastException naming both classes, when the runtime on the classpath is another one
     */
    public <T extends RayoRuntime> T runtime(Class<T> type) {
        RayoRuntime current = runtime();
        if (!type.isInstance(current)) {
            throw new ClassCastException("the Rayo runtime is a " + current.getClass().getName() + ", not a "
                    + type.getName() + ": is the right runtime first on the test classpath?");
        }
        return type.cast(current);
    }

    /**
     * Stops the runtime and starts a new one with the same configuration (a {@code Supplier} given to
     * {@link #withConfig(Supplier)} is asked again), for tests of what survives (or must not survive) a
     * restart. With a static field, later tests of the class get the new runtime.
     *
     * @throws IllegalStateException when no runtime is running (see {@link #runtime()})
     *
     * @return the new runtime
     */
    public synchronized RayoRuntime restart() {
        runtime();
        stop();
        start();
        return runtime;
    }

    private boolean perClass() {
        return classDepth > 0;
    }

    private void start() {
        startFailure = null;
        try {
            Rayo.init(config.get());
            runtime = Rayo.runtime();
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private void stop() {
        if (runtime == null) {
            return;
        }
        runtime = null;
        // Also stops a runtime the test itself re-initialized, so the next class starts from a clean JVM.
        Rayo.shutdown();
    }
}
