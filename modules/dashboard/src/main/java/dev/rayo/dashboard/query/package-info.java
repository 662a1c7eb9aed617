/**
 * The state API shared by the dashboard's JSON endpoints and the state CLI ({@code rayo list/get/summary/
 * memory/timeline}): filters, pagination and the snake_case JSON of OPERATIONS.md, computed from
 * {@link dev.rayo.runtime.state.ClusterState}, so that {@code --json} prints exactly what the endpoint answers.
 */
package dev.rayo.dashboard.query;
