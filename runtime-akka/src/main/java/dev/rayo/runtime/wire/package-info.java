/**
 * The shared vocabulary: the records that cross threads and nodes ({@code TaskSpec}, {@code TaskArg},
 * {@code ActorSpec}, {@code StoredValue}, {@code ErrorPayload}, {@code ResourceSet}, {@code Allocation}),
 * ids, and the {@code RayoMessage} marker bound to Rayo's Kryo serializer. A leaf: it imports no other
 * runtime package, so every package can speak it without depending on the others.
 */
package dev.rayo.runtime.wire;
