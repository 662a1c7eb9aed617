/**
 * The node's scheduler (Ray's raylet): the {@code NodeScheduler} actor, its {@code WaitingQueue} of work
 * waiting for resources, the {@code ResourcePool} of logical resources, and {@code ClusterPlacement}, which
 * decides when and where work spills to another node.
 */
package dev.rayo.runtime.scheduler;
