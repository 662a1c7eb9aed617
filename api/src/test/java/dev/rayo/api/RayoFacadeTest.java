package dev.rayo.api;

import dev.rayo.api.exception.RayoException;
import dev.rayo.api.spi.CurrentRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The static facade and {@link CurrentRuntime}, on a classpath with no runtime provider. */
class RayoFacadeTest {
    private static final String NOT_INITIALIZED = "Rayo is not initialized in this JVM: call Rayo.init() first";
    private static final String ALREADY_INITIALIZED = "Rayo is already initialized in this JVM; call Rayo.shutdown() first";

    private final Capturing capturing = new Capturing();

    @AfterEach
    void uninstall() {
        CurrentRuntime.uninstall(capturing.runtime);
    }

    @Test
    void initWithoutARuntimeOnTheClasspathSaysWhatToAdd() {
        RayoException e = assertThrows(RayoException.class, Rayo::init);

        assertEquals("no Rayo runtime on the classpath: add dev.rayo:rayo-runtime-akka", e.getMessage());
        assertFalse(Rayo.isInitialized());
    }

    @Test
    void callsBeforeInitSayToCallInit() {
        assertEquals(NOT_INITIALIZED, assertThrows(RayoException.class, Rayo::runtime).getMessage());
        assertEquals(NOT_INITIALIZED, assertThrows(RayoException.class, () -> Rayo.put("x")).getMessage());
        assertEquals(NOT_INITIALIZED,
                assertThrows(RayoException.class, () -> Rayo.task(Capturing::sum, 1, 2)).getMessage());
        assertNull(CurrentRuntime.orNull());
    }

    @Test
    void shutdownWithoutARuntimeDoesNothing() {
        Rayo.shutdown();
        Rayo.shutdown();

        assertFalse(Rayo.isInitialized());
    }

    @Test
    void theFacadeUsesTheInstalledRuntime() {
        CurrentRuntime.install(capturing.runtime);

        Rayo.task(Capturing::sum, 1, 2).setName("sum").remote();

        assertTrue(Rayo.isInitialized());
        assertSame(capturing.runtime, Rayo.runtime());
        assertArrayEquals(new Object[] {1, 2}, capturing.call().args());
        assertEquals("sum", capturing.call().name());
    }

    @Test
    void initWhileARuntimeIsInstalledIsRefused() {
        CurrentRuntime.install(capturing.runtime);

        RayoException e = assertThrows(RayoException.class, Rayo::init);

        assertEquals(ALREADY_INITIALIZED, e.getMessage());
        assertSame(capturing.runtime, Rayo.runtime());
    }

    @Test
    void shutdownStopsAndUninstallsTheRuntimeOnce() {
        CurrentRuntime.install(capturing.runtime);

        Rayo.shutdown();
        Rayo.shutdown();

        assertEquals(1, capturing.shutdowns);
        assertNull(CurrentRuntime.orNull());
        assertFalse(Rayo.isInitialized());
    }

    @Test
    void aStoppedRuntimeStillInstalledIsNotInitialized() {
        CurrentRuntime.install(capturing.runtime);
        capturing.runtime.shutdown();

        assertFalse(Rayo.isInitialized());
        assertSame(capturing.runtime, Rayo.runtime());
    }

    @Test
    void installingASecondRuntimeIsRefusedAndTheSameOneAgainIsNot() {
        Capturing other = new Capturing();
        CurrentRuntime.install(capturing.runtime);
        CurrentRuntime.install(capturing.runtime);

        RayoException e = assertThrows(RayoException.class, () -> CurrentRuntime.install(other.runtime));
        CurrentRuntime.uninstall(other.runtime);

        assertEquals(ALREADY_INITIALIZED, e.getMessage());
        assertSame(capturing.runtime, CurrentRuntime.get());
    }
}
