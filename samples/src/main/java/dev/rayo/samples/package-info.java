/**
 * Runnable programs from Ray's seed material, each started by {@code ./rayo run NAME}: matmul (the README
 * demo), tree reduce, pipeline, parameter server, model search.
 */
package dev.rayo.samples;
