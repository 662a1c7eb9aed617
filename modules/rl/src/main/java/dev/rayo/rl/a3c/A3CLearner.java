package dev.rayo.rl.a3c;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.WaitResult;
import dev.rayo.rl.nn.Adam;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.EnvRunnerGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A3C's driver side (Mnih et al. 2016, RLlib's A3C): every env runner always has one gradient task in flight; the
 * learner takes whichever finishes first, applies its gradients at once (even though they were computed with
 * weights a few updates old: the asynchrony is the algorithm) and sends that runner a new task with the newest
 * weights. Tasks still in flight at the end of an iteration carry over to the next.
 */
public final class A3CLearner {

    /** Settings, RLlib's names. */
    public record Settings(int rolloutFragmentLength, double entropyCoeff, double vfLossCoeff, double lr,
                           double gamma, double gradClip, int timestepsPerIteration) {
    }

    private final EnvRunnerGroup runners;
    private final Mlp policy;
    private final Mlp value;
    private final double[] policyParams;
    private final double[] valueParams;
    private final Adam policyAdam;
    private final Adam valueAdam;
    private final Settings settings;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<Integer, A3CGradientTask> tasks = new HashMap<>();
    private final List<ObjectRef<Gradients>> order = new ArrayList<>();
    private long timesteps;
    private long gradientsApplied;

    /** A learner starting from these parameters (updated in place). */
    public A3CLearner(EnvRunnerGroup runners, Mlp policy, double[] policyParams, Mlp value, double[] valueParams,
                      Settings settings) {
        this.runners = runners;
        this.policy = policy;
        this.value = value;
        this.policyParams = policyParams;
        this.valueParams = valueParams;
        this.policyAdam = new Adam(policyParams.length, settings.lr());
        this.valueAdam = new Adam(valueParams.length, settings.lr());
        this.settings = settings;
    }

    /** Applies gradients as they arrive until {@code timestepsPerIteration} steps; returns finished episodes' returns. */
    public List<Double> train() {
        if (inFlight.isEmpty()) {
            for (int i = 0; i < runners.size(); i++) {
                send(i);
            }
        }
        List<Double> returns = new ArrayList<>();
        long start = timesteps;
        while (timesteps - start < settings.timestepsPerIteration()) {
            WaitResult<Gradients> ready = Rayo.wait(order, 1);
            ObjectRef<Gradients> ref = ready.ready().get(0);
            int runner = inFlight.remove(ref.id());
            order.removeIf(r -> r.id().equals(ref.id()));
            Gradients g = runners.await(runner, ref, tasks.get(runner));
            Adam.clipByGlobalNorm(g.policyGrad(), settings.gradClip());
            Adam.clipByGlobalNorm(g.valueGrad(), settings.gradClip());
            policyAdam.step(policyParams, g.policyGrad());
            valueAdam.step(valueParams, g.valueGrad());
            gradientsApplied++;
            timesteps += g.steps();
            for (double r : g.episodeReturns()) {
                returns.add(r);
            }
            send(runner);
        }
        return returns;
    }

    private void send(int runner) {
        A3CGradientTask task = new A3CGradientTask(policyParams.clone(), valueParams.clone(), policy, value,
                settings.rolloutFragmentLength(), settings.gamma(), settings.entropyCoeff(), settings.vfLossCoeff());
        tasks.put(runner, task);
        ObjectRef<Gradients> ref = runners.submit(runner, task);
        inFlight.put(ref.id(), runner);
        order.add(ref);
    }

    /** Environment steps whose gradients were applied. */
    public long timestepsTotal() {
        return timesteps;
    }

    /** How many gradient tasks were applied. */
    public long gradientsApplied() {
        return gradientsApplied;
    }

    /** The policy's parameters (live). */
    public double[] policyParams() {
        return policyParams;
    }

    /** The value network's parameters (live). */
    public double[] valueParams() {
        return valueParams;
    }
}
