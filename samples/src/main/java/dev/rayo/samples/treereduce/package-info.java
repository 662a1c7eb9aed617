/**
 * The tree-reduce sample: linear against tree-shaped aggregation with slow adds.
 */
package dev.rayo.samples.treereduce;
