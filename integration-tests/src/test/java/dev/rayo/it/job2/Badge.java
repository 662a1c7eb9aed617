package dev.rayo.it.job2;

/**
 * A value class that only a second job ships: {@code PersistentActorCodeShippingTest} passes it to an
 * actor that a first job created, so the actor must decode it under the second caller's code.
 */
public record Badge(String holder) {
}
