/**
 * What ES, DQN and A3C share beneath their public classes: a network's shape that tasks carry to the env runners.
 */
package dev.rayo.rl.learn;
