/**
 * The cluster's state as the dashboard, the state CLI and {@code Rayo.timeline} read it: every node answers
 * for what it recorded ({@link dev.rayo.runtime.state.StateEndpoint}: its task events, the objects it owns),
 * and any member merges the answers of all ({@link dev.rayo.runtime.state.ClusterState}) into rows per task,
 * actor, object and node, and into a Chrome trace ({@link dev.rayo.runtime.state.ChromeTrace}). Nothing here
 * is on a task's path: it only reads what the other packages record. The task history alone can also be read
 * from the journal database ({@link dev.rayo.runtime.state.ExportedHistory}), behind the same
 * {@link dev.rayo.runtime.state.TaskHistorySource} as the live cluster.
 */
package dev.rayo.runtime.state;
