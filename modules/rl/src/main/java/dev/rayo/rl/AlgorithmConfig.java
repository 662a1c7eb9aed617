package dev.rayo.rl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every algorithm shares (RLlib's AlgorithmConfig): the env, the env runners and what each holds,
 * the seed, the discount, the learning rate and the networks' hidden layers. Fluent: every setter returns the
 * concrete config ({@code C}), so {@code PPO.config().env(CartPole::new).seed(7).clipParam(0.2).build()} chains.
 * Serializable, so a config travels to a Tune trial or into a checkpoint, and {@link #copy()} gives an
 * independent one to vary.
 *
 * @param <C> the concrete config type
 */
public abstract class AlgorithmConfig<C extends AlgorithmConfig<C>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private EnvCreator env;
    private int numEnvRunners = 2;
    private Map<String, Double> envRunnerResources = Map.of("CPU", 1.0);
    private long seed;
    private double gamma = 0.99;
    private double lr;
    private int[] hidden = {64, 64};

    /** A config with the common defaults and the algorithm's own learning rate. */
    protected AlgorithmConfig(double defaultLr) {
        this.lr = defaultLr;
    }

    /** The algorithm's name as saved in checkpoints ("PPO", "ES", ...). */
    public abstract String algorithmName();

    /** Checks the config and the env, starts the env runners and returns the algorithm, ready to train. */
    public abstract Algorithm build();

    /** The concrete config, for the setters' return value. */
    @SuppressWarnings("unchecked")
    protected final C self() {
        return (C) this;
    }

    /** Sets how env runners make their env; serializable because runners on other nodes make their own. */
    public C env(EnvCreator creator) {
        this.env = creator;
        return self();
    }

    /** How env runners make their env. */
    public EnvCreator env() {
        return env;
    }

    /** Sets the number of env-runner actors (0 = sample in the calling thread; reproducible). Default 2. */
    public C numEnvRunners(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("numEnvRunners must be >= 0, got " + n);
        }
        this.numEnvRunners = n;
        return self();
    }

    /** The number of env-runner actors. */
    public int numEnvRunners() {
        return numEnvRunners;
    }

    /** Sets what each env runner holds (default 1 CPU); a custom resource pins runners to nodes that have it. */
    public C envRunnerResources(Map<String, Double> resources) {
        this.envRunnerResources = Map.copyOf(resources);
        return self();
    }

    /** What each env runner holds. */
    public Map<String, Double> envRunnerResources() {
        return envRunnerResources;
    }

    /** Sets the seed that fixes initial weights, sampling and episodes. Default 0. */
    public C seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Sets the discount factor, in [0, 1]. Default 0.99. */
    public C gamma(double gamma) {
        this.gamma = requireUnit("gamma", gamma);
        return self();
    }

    /** The discount factor. */
    public double gamma() {
        return gamma;
    }

    /** Sets the learning rate (ES: Adam's step size on the estimated gradient), > 0. */
    public C lr(double lr) {
        this.lr = requirePositive("lr", lr);
        return self();
    }

    /** The learning rate. */
    public double lr() {
        return lr;
    }

    /** Sets the hidden layers' widths of the policy and value networks. Default 64, 64. */
    public C hidden(int... layerSizes) {
        for (int s : layerSizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("hidden layer sizes must be positive, got "
                        + Arrays.toString(layerSizes));
            }
        }
        this.hidden = layerSizes.clone();
        return self();
    }

    /** The hidden layers' widths. */
    public int[] hidden() {
        return hidden.clone();
    }

    /** An independent deep copy (the env creator included), to vary without touching this one. */
    public C copy() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new IllegalStateException("config " + getClass().getName() + " does not serialize: " + e, e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            C copy = (C) in.readObject();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks settings that only make sense together; called by {@link Algorithm}'s constructor. Subclasses add
     * their own checks and call this.
     */
    protected void validate() {
        if (env == null) {
            throw new IllegalArgumentException(algorithmName() + " config has no env: call env(CartPole::new)");
        }
    }

    /** The settings as name-value pairs, for logs and reports; subclasses add theirs. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithmName());
        m.put("numEnvRunners", numEnvRunners);
        m.put("envRunnerResources", envRunnerResources);
        m.put("seed", seed);
        m.put("gamma", gamma);
        m.put("lr", lr);
        m.put("hidden", Arrays.toString(hidden));
        return m;
    }

    /** {@code v}, or an {@link IllegalArgumentException} naming the setting if it is not positive. */
    protected static int requirePositive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
        return v;
    }

    /** {@code v}, or an {@link IllegalArgumentException} naming the setting if it is not positive and finite. */
    protected static double requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
        return v;
    }

    /** {@code v}, or an {@link IllegalArgumentException} naming the setting if it is negative or not finite. */
    protected static double requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
        }
        return v;
    }

    /** {@code v}, or an {@link IllegalArgumentException} naming the setting if it is outside [0, 1]. */
    protected static double requireUnit(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
