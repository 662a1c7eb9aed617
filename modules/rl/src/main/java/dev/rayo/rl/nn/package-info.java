/**
 * Small neural networks for RL policies and value functions: a dense {@link dev.rayo.rl.nn.Mlp} with a
 * hand-written backward pass, the {@link dev.rayo.rl.nn.Adam} optimizer and {@link dev.rayo.rl.nn.Categorical}
 * distribution helpers.
 *
 * <p>Why plain {@code double[]} rather than a numeric library: the networks RL needs on CartPole-sized problems
 * are tiny (a few thousand parameters), so a matrix library's per-call overhead (EJML allocates a matrix object
 * per product) costs more than the arithmetic; there is no maintained pure-JVM autodiff library that does not
 * pull native code (DJL, ND4J download native engines); and one flat parameter vector is exactly what ES
 * perturbs, what the object store ships to env runners, and what {@code save} writes. The backward pass is
 * checked against central finite differences in the tests.
 */
package dev.rayo.rl.nn;
