package dev.rayo.rl.es;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.rl.nn.Adam;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.EnvRunnerGroup;

import java.util.Arrays;
import java.util.List;

/**
 * ES's driver side: builds the noise table once and puts it in the object store, then each iteration puts the
 * weights once, has every env runner evaluate its share of antithetic perturbations, and steps Adam along the
 * search gradient rebuilt from the indices and returns alone.
 */
public final class EsLearner {

    /**
     * Unperturbed episodes per iteration, over all runners, so an iteration reports the policy's own return (a
     * perturbed episode's return says little about the centre); RLlib's ES plays them with {@code eval_prob}.
     */
    private static final int EVAL_EPISODES = 10;

    private final EnvRunnerGroup runners;
    private final Mlp policy;
    private final double[] theta;
    private final float[] table;
    private final ObjectRef<float[]> tableRef;
    private final Adam adam;
    private final int pairsPerRunner;
    private final int evalPerRunner;
    private final double noiseStdev;
    private final double l2Coeff;
    private final long seed;
    private long iterations;
    private long timesteps;

    /**
     * @param runners          the env runners
     * @param policy           the policy network's shape (logits)
     * @param theta            the initial parameters, updated in place
     * @param noiseTableSize   floats in the shared noise table
     * @param episodesPerBatch perturbed episodes per iteration (two per noise index), spread over the runners
     * @param noiseStdev       sigma
     * @param stepSize         Adam's step size
     * @param l2Coeff          weight decay
     * @param seed             fixes the noise table and every runner's draws
     */
    public EsLearner(EnvRunnerGroup runners, Mlp policy, double[] theta, int noiseTableSize, int episodesPerBatch,
                     double noiseStdev, double stepSize, double l2Coeff, long seed) {
        this.runners = runners;
        this.policy = policy;
        this.theta = theta;
        if (noiseTableSize < theta.length) {
            throw new IllegalArgumentException("noiseTableSize " + noiseTableSize
                    + " is smaller than the policy's " + theta.length + " parameters");
        }
        this.table = NoiseTable.create(noiseTableSize, seed);
        this.tableRef = Rayo.put(table);
        this.adam = new Adam(theta.length, stepSize);
        int pairs = Math.max(1, episodesPerBatch / 2);
        this.pairsPerRunner = Math.max(1, (pairs + runners.size() - 1) / runners.size());
        this.evalPerRunner = Math.max(1, (EVAL_EPISODES + runners.size() - 1) / runners.size());
        this.noiseStdev = noiseStdev;
        this.l2Coeff = l2Coeff;
        this.seed = seed;
    }

    /** One iteration; returns the unperturbed episodes' returns. */
    public List<Double> train() {
        ObjectRef<double[]> weights = Rayo.put(theta.clone());
        EsRolloutTask task = new EsRolloutTask(tableRef, weights, policy, pairsPerRunner, evalPerRunner,
                noiseStdev, seed + 1_000_003L * ++iterations);
        List<EsSamples> samples = runners.runOnAll(task);
        adam.step(theta, EsGradient.descentDirection(samples, table, theta, l2Coeff));
        timesteps += samples.stream().mapToLong(EsSamples::timesteps).sum();
        return samples.stream().flatMapToDouble(s -> Arrays.stream(s.evalReturns())).boxed().toList();
    }

    /** Environment steps sampled so far, perturbed and evaluation episodes together. */
    public long timestepsTotal() {
        return timesteps;
    }

    /** The current parameters (live). */
    public double[] weights() {
        return theta;
    }

    /** The ref of the shared noise table: one per run. */
    public ObjectRef<float[]> noiseTableRef() {
        return tableRef;
    }
}
