/**
 * Env runners, RLlib's rollout workers: {@link dev.rayo.rl.runner.EnvRunnerGroup} keeps one Rayo actor per
 * runner, each holding a {@link dev.rayo.rl.runner.RunnerState} (its env, its random stream, the episode in
 * progress), and algorithms ship {@link dev.rayo.rl.runner.RolloutTask}s to them: "sample N steps with these
 * weights", "evaluate these noise indices". The group checks the env up front, replaces runners that die with
 * their node, and with zero runners runs the same tasks in the driver, so a seed fixes the whole run.
 */
package dev.rayo.rl.runner;
