/**
 * The pipeline sample: a four-stage pipeline over several inputs, stages chained by refs.
 */
package dev.rayo.samples.pipeline;
