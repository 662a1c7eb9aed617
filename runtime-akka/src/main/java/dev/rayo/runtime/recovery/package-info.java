/**
 * What happens when another node dies or leaves: {@code NodeFailures} retries the tasks it held, marks its
 * objects lost (made again from lineage on demand), fails or resends actor calls and frees what was stored
 * for it; {@code TaskPlacements} records where work went so that this is known; the membership watcher.
 */
package dev.rayo.runtime.recovery;
