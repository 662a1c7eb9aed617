package dev.rayo.rl;

import java.util.Map;

/**
 * Evolution Strategies' settings (RLlib's names). Defaults solve CartPole-v1 on two env runners. The learning rate
 * ({@link #stepSize}) is Adam's step on the estimated gradient.
 */
public final class ESConfig extends AlgorithmConfig<ESConfig> {
    private static final long serialVersionUID = 1L;

    private int episodesPerBatch = 40;
    private double noiseStdev = 0.05;
    private int noiseTableSize = 2_000_000;
    private double l2Coeff = 0.005;

    ESConfig() {
        super(0.03);
    }

    @Override
    public String algorithmName() {
        return "ES";
    }

    @Override
    public ES build() {
        return new ES(this);
    }

    /** Sets the perturbed episodes per iteration, two per noise index (antithetic), spread over the runners. */
    public ESConfig episodesPerBatch(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("episodesPerBatch must be >= 2 (one antithetic pair), got " + n);
        }
        this.episodesPerBatch = n;
        return this;
    }

    /** Perturbed episodes per iteration. */
    public int episodesPerBatch() {
        return episodesPerBatch;
    }

    /** Sets sigma, the standard deviation of the parameter perturbations. */
    public ESConfig noiseStdev(double sigma) {
        this.noiseStdev = requirePositive("noiseStdev", sigma);
        return this;
    }

    /** Sigma. */
    public double noiseStdev() {
        return noiseStdev;
    }

    /** Sets Adam's step size (the same setting as {@link #lr}). */
    public ESConfig stepSize(double stepSize) {
        return lr(stepSize);
    }

    /** Adam's step size. */
    public double stepSize() {
        return lr();
    }

    /** Sets the floats in the shared noise table (Salimans et al. use 250 million; 2 million = 8 MB is plenty here). */
    public ESConfig noiseTableSize(int size) {
        this.noiseTableSize = requirePositive("noiseTableSize", size);
        return this;
    }

    /** Floats in the noise table. */
    public int noiseTableSize() {
        return noiseTableSize;
    }

    /** Sets the weight decay added to the gradient. */
    public ESConfig l2Coeff(double l2) {
        this.l2Coeff = requireNonNegative("l2Coeff", l2);
        return this;
    }

    /** Weight decay. */
    public double l2Coeff() {
        return l2Coeff;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = super.toMap();
        m.put("episodesPerBatch", episodesPerBatch);
        m.put("noiseStdev", noiseStdev);
        m.put("noiseTableSize", noiseTableSize);
        m.put("l2Coeff", l2Coeff);
        return m;
    }
}
