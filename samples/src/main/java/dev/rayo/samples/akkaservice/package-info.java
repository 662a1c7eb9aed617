/**
 * The akka-service sample: an Akka HTTP service with Rayo inside its own actor system ({@code RayoExtension}),
 * whose endpoints fan each request out as Rayo tasks and actor calls and answer from {@code CompletionStage}s.
 */
package dev.rayo.samples.akkaservice;
