/**
 * Rayo's public API, JDK only: the static facade {@code Rayo}, {@code RayoRuntime}, object refs, actor
 * handles, the {@code task}/{@code actor} builders (their overloads are generated at build time) and
 * {@code RayoConfig}.
 */
package dev.rayo.api;
