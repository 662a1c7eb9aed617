package dev.rayo.samples.paramserver;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.samples.common.Progress;

import java.util.ArrayList;
import java.util.List;

/**
 * Synchronous data-parallel training with a parameter server, as in Ray's example: each round,
 * every worker task computes the gradient on its shard at the current weights, and the server
 * actors average the gradients and step. With {@code servers > 1} the weight vector is sharded:
 * each server actor owns one slice, workers return one gradient part per server, and a worker
 * reads the weights by fetching every server's slice.
 *
 * <p>The driver only wires refs together: the shards are put once, every round's tasks and
 * server calls are submitted up front, and Rayo runs each as soon as its inputs exist.
 * One server or several compute the same numbers in the same order, so they learn the same
 * weights. Needs a running Rayo runtime.
 */
public final class ParameterServer {
    private final int servers;
    private final double learningRate;

    /** Training with {@code servers} server actors (1: unsharded) and this step size. */
    public ParameterServer(int servers, double learningRate) {
        if (servers < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("need at least one server and a positive learning rate");
        }
        this.servers = servers;
        this.learningRate = learningRate;
    }

    /**
     * Trains for {@code rounds} rounds.
     *
     * @param progress stepped once per finished round
     */
    public Training train(LinearProblem problem, int rounds, Progress progress) {
        if (rounds < 1) {
            throw new IllegalArgumentException("need at least one round");
        }
        Slicing slicing = Slicing.of(problem.features(), servers);
        List<ObjectRef<Shard>> data = new ArrayList<>();
        for (Shard shard : problem.shards()) {
            data.add(Rayo.put(shard));
        }
        List<ActorHandle<WeightShard>> actors = new ArrayList<>(servers);
        List<ObjectRef<double[]>> weights = new ArrayList<>(servers);
        for (int k = 0; k < servers; k++) {
            ActorHandle<WeightShard> actor = Rayo.actor(WeightShard::new, slicing.size(k), learningRate).remote();
            actors.add(actor);
            weights.add(actor.task(WeightShard::weights).remote());
        }
        try {
            List<List<ObjectRef<GradientPart>>> roundParts = new ArrayList<>(rounds);
            for (int r = 0; r < rounds; r++) {
                List<List<ObjectRef<GradientPart>>> parts = gradients(data, weights, slicing);
                List<ObjectRef<double[]>> next = new ArrayList<>(servers);
                for (int k = 0; k < servers; k++) {
                    next.add(actors.get(k).task(WeightShard::apply, parts.get(k)).remote());
                }
                next.get(0).toCompletableFuture().thenRun(progress::step);
                roundParts.add(parts.get(0));
                weights = next;
            }
            double finalLoss = loss(gradients(data, weights, slicing).get(0));
            List<Double> losses = new ArrayList<>(rounds);
            for (List<ObjectRef<GradientPart>> parts : roundParts) {
                losses.add(loss(parts));
            }
            return new Training(losses, finalLoss, slicing.join(Rayo.get(weights)));
        } finally {
            actors.forEach(ActorHandle::kill);
        }
    }

    /** Submits one gradient task per shard; the answer is indexed [server][worker]. */
    @SuppressWarnings("unchecked")
    private List<List<ObjectRef<GradientPart>>> gradients(List<ObjectRef<Shard>> data,
            List<ObjectRef<double[]>> weights, Slicing slicing) {
        List<List<ObjectRef<GradientPart>>> byServer = new ArrayList<>(servers);
        for (int k = 0; k < servers; k++) {
            byServer.add(new ArrayList<>(data.size()));
        }
        for (ObjectRef<Shard> shard : data) {
            if (servers == 1) {
                // One part: a plain task. (The runtime stores a one-return result whole, so
                // setNumReturns(1) would not unpack the one-item list.)
                byServer.get(0).add(Rayo.task(Workers::wholeGradient, shard, weights, slicing)
                        .setName("gradient").remote());
                continue;
            }
            List<ObjectRef<Object>> parts = Rayo.task(Workers::gradient, shard, weights, slicing)
                    .setNumReturns(servers).setName("gradient").remoteMany();
            for (int k = 0; k < servers; k++) {
                byServer.get(k).add((ObjectRef<GradientPart>) (ObjectRef<?>) parts.get(k));
            }
        }
        return byServer;
    }

    /** The mean squared error over all shards, from one server's parts of a round. */
    private static double loss(List<ObjectRef<GradientPart>> parts) {
        double squaredError = 0;
        long rows = 0;
        for (GradientPart part : Rayo.get(parts)) {
            squaredError += part.squaredError();
            rows += part.rows();
        }
        return squaredError / rows;
    }
}
