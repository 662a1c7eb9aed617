/**
 * This node's picture of the cluster: the gossiped node table ({@code NodeDirectory}, {@code NodeInfo},
 * {@code ClusterView}), membership questions, recently removed nodes, the host identity, and the runtime
 * context that reports them to user code.
 */
package dev.rayo.runtime.cluster;
