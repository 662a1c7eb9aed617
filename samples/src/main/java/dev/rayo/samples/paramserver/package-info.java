/**
 * The parameter-server sample: a parameter actor (single or sharded) updated by gradient tasks.
 */
package dev.rayo.samples.paramserver;
