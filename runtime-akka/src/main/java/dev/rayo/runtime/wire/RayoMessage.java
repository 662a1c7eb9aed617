package dev.rayo.runtime.wire;

/**
 * Marker of every message and value record Rayo sends between nodes; bound in {@code reference.conf} to
 * the Kryo-based Akka serializer, so nothing Rayo sends uses Java serialization.
 */
public interface RayoMessage {
}
