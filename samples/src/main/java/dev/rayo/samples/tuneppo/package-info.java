/**
 * {@code ./rayo run tune-ppo}: Rayo Tune over Rayo RL. ASHA searches PPO's learning rate and clip range on
 * CartPole-v1; every trial is a Tune trial actor that builds its own PPO, trains it one iteration per report and
 * hands Tune its saved state as the checkpoint, so a restarted, restored or exploited trial can continue it.
 */
package dev.rayo.samples.tuneppo;
