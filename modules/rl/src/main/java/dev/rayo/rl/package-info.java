/**
 * Rayo RL: reinforcement learning whose rollouts run in env-runner actors spread over the cluster, with
 * weights and noise shared through the object store. The contract is {@code shared/RL.md}.
 */
package dev.rayo.rl;
