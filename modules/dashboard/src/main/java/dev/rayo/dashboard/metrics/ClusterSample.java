package dev.rayo.dashboard.metrics;

import dev.rayo.runtime.state.ActorRow;
import dev.rayo.runtime.state.Answer;
import dev.rayo.runtime.state.ClusterState;
import dev.rayo.runtime.state.NodeRow;
import dev.rayo.runtime.state.StateEndpoint;
import dev.rayo.runtime.state.TaskRow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * What one scrape reads of the cluster, gathered from every member at once and without blocking: nodes, tasks
 * (merged from the retained events), actors and each node's own counters. The whole read is bounded by a
 * deadline, so a scrape ends even when a node never answers.
 *
 * @param nodes        every member
 * @param tasks        every task whose events the nodes still keep
 * @param actors       every actor
 * @param descriptions each node's counters
 */
record ClusterSample(List<NodeRow> nodes, List<TaskRow> tasks, List<ActorRow> actors,
                     List<StateEndpoint.Description> descriptions) {

    /** Reads a sample from {@code state}, failing with a TimeoutException after {@code deadline}. */
    static CompletionStage<ClusterSample> read(ClusterState state, Duration deadline) {
        CompletableFuture<Answer<NodeRow>> nodes = state.nodes().toCompletableFuture();
        CompletableFuture<Answer<TaskRow>> tasks = state.tasks().toCompletableFuture();
        CompletableFuture<Answer<ActorRow>> actors = state.actors().toCompletableFuture();
        CompletableFuture<Answer<StateEndpoint.Description>> descriptions = state.descriptions().toCompletableFuture();
        return CompletableFuture.allOf(nodes, tasks, actors, descriptions)
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(done -> new ClusterSample(nodes.join().rows(), tasks.join().rows(), actors.join().rows(),
                        descriptions.join().rows()));
    }
}
