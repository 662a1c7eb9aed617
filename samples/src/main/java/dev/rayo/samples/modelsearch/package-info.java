/**
 * The model-search sample: many models trained and scored in parallel as tasks.
 */
package dev.rayo.samples.modelsearch;
