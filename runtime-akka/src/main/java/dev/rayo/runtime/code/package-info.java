/**
 * Shipping a driver's code: the {@code CodeServer} that serves the jars of a process's code path by content
 * hash, and the {@code CodeFetcher} that fetches them when a class is missing here and trusts them.
 */
package dev.rayo.runtime.code;
