/**
 * The seam between the API and a runtime: the request records the builders hand over, the
 * {@code ServiceLoader} provider a runtime registers, and the current runtime of this JVM.
 */
package dev.rayo.api.spi;
