/**
 * Kryo for values and for Rayo's own Akka messages: the pooled Kryo instances with a class allow-list, the
 * Akka serializer binding, the class loader for shipped code, and the serializers of refs and handles.
 */
package dev.rayo.runtime.serialization;
