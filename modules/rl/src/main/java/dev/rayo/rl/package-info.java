/**
 * Rayo RL: reinforcement learning whose rollouts run in env-runner actors spread over the cluster, with
 * weights and noise shared through the object store. The contract is {@code shared/RL.md}.
 *
 * <p>The user-facing types live here: {@link dev.rayo.rl.Env} and {@link dev.rayo.rl.CartPole}, the
 * {@link dev.rayo.rl.Algorithm} base with its {@link dev.rayo.rl.AlgorithmConfig}, the algorithms
 * ({@link dev.rayo.rl.PPO}, ...), {@link dev.rayo.rl.IterationResult} and {@link dev.rayo.rl.Algorithms#restore}.
 * The machinery is in sub-packages: {@code dev.rayo.rl.nn} (networks and optimizers, no dependencies) and
 * {@code dev.rayo.rl.runner} (env-runner actors). The contract fixes {@code Env} here and the runners below, so
 * {@code runner} uses this package's env types while {@code Algorithm} uses the runners: that one mutual
 * dependency is deliberate; {@code nn} depends on neither.
 */
package dev.rayo.rl;
