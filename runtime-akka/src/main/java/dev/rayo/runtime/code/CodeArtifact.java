package dev.rayo.runtime.code;

import dev.rayo.runtime.wire.RayoMessage;

/**
 * One jar of a process's shipped code path, named by its content hash so each node downloads it once.
 *
 * @param sha256    hex SHA-256 of the jar's bytes
 * @param name      the jar's file name, for logs
 * @param sizeBytes its size
 */
public record CodeArtifact(String sha256, String name, long sizeBytes) implements RayoMessage {
}
