/**
 * JUnit 5 support for tests of Rayo programs and of Rayo itself.
 *
 * <p>{@link dev.rayo.testing.RayoRuntimeExtension} starts and always stops a runtime per class or per test,
 * and {@link dev.rayo.testing.Eventually} waits for asynchronous effects with a deadline and a clear failure.
 * The module depends only on {@code rayo-api} and {@code junit-jupiter-api}; the runtime itself
 * ({@code rayo-runtime-akka}) comes from the test classpath, so the runtime's own tests can use it too.
 */
package dev.rayo.testing;
