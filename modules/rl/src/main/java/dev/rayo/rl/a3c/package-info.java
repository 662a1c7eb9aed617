/**
 * A3C's moving parts: the task with which an env runner turns its own fragment into gradients, the actor-critic
 * loss, and the gradients it sends back for the driver to apply asynchronously.
 */
package dev.rayo.rl.a3c;
