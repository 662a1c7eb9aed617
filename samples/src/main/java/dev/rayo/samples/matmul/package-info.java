/**
 * The README demo: repeated matrix multiplications run serially and as Rayo tasks, with a table and a chart.
 */
package dev.rayo.samples.matmul;
