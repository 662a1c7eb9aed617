/**
 * The Rayo runtime on Akka. This package holds only the facade: {@link dev.rayo.runtime.AkkaRayoRuntime}, the
 * {@code RayoRuntime} a program talks to, which checks the runtime is running and hands each call to the
 * part that owns it; {@code ObjectReader} ({@code get}/{@code wait}); {@link dev.rayo.runtime.RayoAkka}
 * for Akka applications; and the {@code ServiceLoader} provider. Subpackages never import this one; the
 * layering is checked by {@code PackageCyclesTest}.
 */
package dev.rayo.runtime;
