/**
 * Evolution Strategies' moving parts (Salimans et al. 2017): the shared noise table, the antithetic rollout task
 * that env runners run, what they send back (indices and returns only), centered ranks, and the gradient estimate.
 */
package dev.rayo.rl.es;
