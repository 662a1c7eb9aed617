/**
 * {@code ./rayo run rl-rollouts}: trains PPO, ES, A3C or DQN on CartPole-v1 with Rayo RL's env-runner actors,
 * prints the learning curve, evaluates the policy and draws the curve as a PNG.
 */
package dev.rayo.samples.rl;
