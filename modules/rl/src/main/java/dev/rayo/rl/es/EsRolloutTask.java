package dev.rayo.rl.es;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.rl.Env;
import dev.rayo.rl.StepResult;
import dev.rayo.rl.nn.Categorical;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.RolloutTask;
import dev.rayo.rl.runner.RunnerState;

import java.util.SplittableRandom;

/**
 * One ES iteration on one env runner: for each of {@code pairs} noise indices it plays an episode with
 * {@code theta + sigma * noise} and one with {@code theta - sigma * noise} from the same start (antithetic
 * sampling), and returns only the indices and returns ({@link EsSamples}). The noise table and the weights arrive as
 * object-store refs; the runner reads the table once and keeps it in its cache for the rest of the run.
 */
public final class EsRolloutTask implements RolloutTask<EsSamples> {

    private static final long serialVersionUID = 1L;

    private final ObjectRef<float[]> noise;
    private final ObjectRef<double[]> weights;
    private final Mlp policy;
    private final int pairs;
    private final int evalEpisodes;
    private final double noiseStdev;
    private final long seed;

    /**
     * @param noise        the shared noise table
     * @param weights      the current policy parameters, put once per iteration
     * @param policy       the policy network's shape
     * @param pairs        antithetic pairs to evaluate on each runner
     * @param evalEpisodes unperturbed episodes to report the policy's own return
     * @param noiseStdev   sigma, the scale of the perturbations
     * @param seed         this iteration's seed; mixed with the runner's index so runners draw different noise
     */
    public EsRolloutTask(ObjectRef<float[]> noise, ObjectRef<double[]> weights, Mlp policy, int pairs,
                         int evalEpisodes, double noiseStdev, long seed) {
        this.noise = noise;
        this.weights = weights;
        this.policy = policy;
        this.pairs = pairs;
        this.evalEpisodes = evalEpisodes;
        this.noiseStdev = noiseStdev;
        this.seed = seed;
    }

    /** Reads the table from the runner's cache (the object store only on first use) and plays the episodes. */
    @Override
    public EsSamples run(RunnerState state) {
        float[] table = (float[]) state.cache().computeIfAbsent("es.noise." + noise.id(), k -> Rayo.get(noise));
        double[] theta = Rayo.get(weights);
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + state.index());
        Env env = state.env();
        int[] indices = new int[pairs];
        double[] positive = new double[pairs];
        double[] negative = new double[pairs];
        double[] perturbed = new double[theta.length];
        long[] steps = new long[1];
        for (int i = 0; i < pairs; i++) {
            indices[i] = NoiseTable.sampleIndex(random, table.length, theta.length);
            long episodeSeed = random.nextLong();
            NoiseTable.perturb(theta, table, indices[i], noiseStdev, perturbed);
            positive[i] = greedyEpisode(env, policy, perturbed, episodeSeed, steps);
            NoiseTable.perturb(theta, table, indices[i], -noiseStdev, perturbed);
            negative[i] = greedyEpisode(env, policy, perturbed, episodeSeed, steps);
        }
        double[] eval = new double[evalEpisodes];
        for (int i = 0; i < evalEpisodes; i++) {
            eval[i] = greedyEpisode(env, policy, theta, random.nextLong(), steps);
        }
        return new EsSamples(indices, positive, negative, eval, steps[0]);
    }

    /** One whole episode with the arg-max action; ES explores in parameter space, not in action space. */
    static double greedyEpisode(Env env, Mlp mlp, double[] params, long episodeSeed, long[] steps) {
        double[] observation = env.reset(episodeSeed);
        double total = 0;
        while (true) {
            StepResult result = env.step(Categorical.argmax(mlp.forward(params, observation)));
            steps[0]++;
            total += result.reward();
            if (result.terminated() || result.truncated()) {
                return total;
            }
            observation = result.observation();
        }
    }
}
