/**
 * What the samples share: the Rayo session and CPU options, progress bars, timing and text tables.
 */
package dev.rayo.samples.common;
