/**
 * The bounded per-node log of task events (submitted, started, finished, failed).
 */
package dev.rayo.runtime.events;
